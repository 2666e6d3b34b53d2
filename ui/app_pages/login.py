"""登录页."""

from ui.components.login_view import login_form

login_form()
