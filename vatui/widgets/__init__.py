"""Widgets render state they are given and post messages; the cockpit screen handles them."""
