"""Screens: the cockpit (the controller of the four panes), modals and help."""
