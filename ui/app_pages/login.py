"""登录页."""

from ui.login_view import login_form

login_form()
