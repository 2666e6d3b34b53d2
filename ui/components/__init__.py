"""Parts the pages are built from (flag list and review pane, login form, tables, admin
sections); pages in ui/app_pages/ only put them together."""
