"""vatui: a terminal cockpit for virtual assistants serving clients across time zones.

Importing this package must stay cheap and must not import Textual: the CLI's quick commands
(`vatui add`, `vatui pomodoro status --short` in a tmux status line) start from here.
"""

__version__ = "0.1.0"
