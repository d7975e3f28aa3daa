"""Widgets render state they are given and post messages; the cockpit screen handles them.

Messages with fields are `@dataclass(eq=False)`, those without are plain classes: a message is
an event, never compared, and every message class is made at start-up (a generated __eq__ costs
each one as much again)."""
