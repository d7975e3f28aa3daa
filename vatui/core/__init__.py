"""The domain: pure Python + arrow. No Textual, no TinyDB, no plyer, and never the clock.

Every function that needs "now" takes it as an argument; the only code that reads the system
clock is `SystemClock` in `clock.py`, which the app and CLI pass in.
"""
