"""The Pomodoro state as stored: a JSON-ready dict under the store's "pomodoro" state key.

Reading is strict (a hand-edited or damaged state raises StateError, with the reason in words);
`load` turns a damaged state into an idle timer and says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from vatui.core.pomodoro_state import Held, Phase, PhaseEnd, Pomodoro, Run, StateError, Stretch, as_utc
from vatui.i18n import _

STATE_KEY = "pomodoro"  # store.get_state / set_state key
STATE_VERSION = 1


def _enc(at: datetime | None) -> str | None:
    return None if at is None else as_utc(at).isoformat().replace("+00:00", "Z")


def _dec(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise StateError(_("expected a timestamp, got {value!r}").format(value=value))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise StateError(_("{value!r} is not a timestamp").format(value=value)) from None
    if parsed.tzinfo is None:
        raise StateError(_("timestamp {value!r} has no zone").format(value=value))
    return parsed.astimezone(timezone.utc)


def _dec_req(value: Any) -> datetime:
    out = _dec(value)
    if out is None:
        raise StateError(_("a timestamp is missing"))
    return out


def _secs(value: Any) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise StateError(_("expected a number of seconds, got {value!r}").format(value=value))
    return timedelta(seconds=value)


def _opt_id(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise StateError(_("expected an id, got {value!r}").format(value=value))
    return value


def _stretches(value: Any) -> tuple[Stretch, ...]:
    if not isinstance(value, list):
        raise StateError(_("expected a list of stretches"))
    out = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise StateError(_("a stretch is [start, end]"))
        a, b = _dec_req(pair[0]), _dec_req(pair[1])
        if b < a:
            raise StateError(_("a stretch ends before it starts"))
        out.append((a, b))
    return tuple(out)


def _enc_stretches(stretches: tuple[Stretch, ...]) -> list[list[str | None]]:
    return [[_enc(a), _enc(b)] for a, b in stretches]


def _phase(value: Any) -> Phase:
    try:
        return Phase(value)
    except ValueError:
        raise StateError(_("unknown phase {value!r}").format(value=value)) from None


def to_dict(state: Pomodoro) -> dict[str, Any]:
    """A JSON-ready dict for `store.set_state("pomodoro", ...)`."""
    run = state.run
    return {
        "version": STATE_VERSION,
        "run": None if run is None else {
            "phase": run.phase.value,
            "planned_s": run.planned.total_seconds(),
            "segments": _enc_stretches(run.segments),
            "running_since": _enc(run.running_since),
            "paused_at": _enc(run.paused_at),
            "interruptions": [_enc(i) for i in run.interruptions],
            "auto": run.auto,
        },
        "task": state.task_id,
        "client": state.client_id,
        "next_phase": state.next_phase.value,
        "cycle": state.cycle,
        "last_focus_end": _enc(state.last_focus_end),
        "trusted_until": _enc(state.trusted_until),
        "closed_at": _enc(state.closed_at),
        "held": [
            {"phase": h.phase.value, "stretches": _enc_stretches(h.stretches), "task": h.task_id,
             "client": h.client_id, "completed": h.completed, "end": _enc(h.end)}
            for h in state.held
        ],
        "ended": None if state.ended is None else {
            "phase": state.ended.phase.value, "at": _enc(state.ended.at),
            "next_phase": state.ended.next_phase.value, "auto_started": state.ended.auto_started,
        },
        "done": [_enc(d) for d in state.done],
        "touched": _enc(state.touched),
        "interrupted": [_enc(i) for i in state.interrupted],
    }


def from_dict(raw: Mapping[str, Any] | None) -> Pomodoro:
    """Read the stored state; None (never used) is idle. Raises StateError when it is damaged."""
    if raw is None:
        return Pomodoro()
    if not isinstance(raw, Mapping):
        raise StateError(_("the timer state is not an object"))
    version = raw.get("version")
    if version != STATE_VERSION:
        raise StateError(_("unknown timer state version {version!r}").format(version=version))
    try:
        r = raw.get("run")
        run = None
        if r is not None:
            run = Run(
                phase=_phase(r["phase"]),
                planned=_secs(r["planned_s"]),
                segments=_stretches(r.get("segments", [])),
                running_since=_dec(r.get("running_since")),
                paused_at=_dec(r.get("paused_at")),
                interruptions=tuple(_dec_req(i) for i in r.get("interruptions", [])),
                auto=bool(r.get("auto", False)),
            )
            if run.running_since is None and not run.segments:
                raise StateError(_("a paused run has no time"))
        e = raw.get("ended")
        cycle = raw.get("cycle", 0)
        if isinstance(cycle, bool) or not isinstance(cycle, int) or cycle < 0:
            raise StateError(_("{field}: expected a count, got {value!r}").format(field="cycle", value=cycle))
        return Pomodoro(
            run=run,
            task_id=_opt_id(raw.get("task")),
            client_id=_opt_id(raw.get("client")),
            next_phase=_phase(raw.get("next_phase", "focus")),
            cycle=cycle,
            last_focus_end=_dec(raw.get("last_focus_end")),
            trusted_until=_dec(raw.get("trusted_until")),
            closed_at=_dec(raw.get("closed_at")),
            held=tuple(
                Held(_phase(h["phase"]), _stretches(h["stretches"]), _opt_id(h.get("task")), _opt_id(h.get("client")),
                     bool(h.get("completed", False)), _dec_req(h["end"]))
                for h in raw.get("held", [])
            ),
            ended=None if e is None else PhaseEnd(_phase(e["phase"]), _dec_req(e["at"]), _phase(e["next_phase"]),
                                                  bool(e.get("auto_started", False))),
            done=tuple(_dec_req(d) for d in raw.get("done", [])),
            touched=_dec(raw.get("touched")),
            interrupted=tuple(_dec_req(i) for i in raw.get("interrupted", [])),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise StateError(_("the timer state is damaged ({problem})").format(problem=exc)) from None


@dataclass(frozen=True, slots=True)
class Loaded:
    state: Pomodoro
    damaged: str | None = None  # why the stored state was set aside, if it was


def load(raw: Any) -> Loaded:
    """Like from_dict, but a damaged state becomes idle with the reason (nothing raised)."""
    try:
        return Loaded(from_dict(raw))
    except StateError as exc:
        return Loaded(Pomodoro(), str(exc))
