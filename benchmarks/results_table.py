"""The benchmark's verdict and its one table: the targets of issue 8, each with vatui's figure,
the bare app's, the ratio and pass/fail, and every other figure of the run beside the bare app's.
"""

from __future__ import annotations

from typing import Any

FRAME_MS = 1000 / 60

# The targets of issue 8: (key, what, limit, kind). kind "ratio": vatui/bare <= limit;
# "max": vatui <= limit (absolute); "bare": vatui <= bare's figure.
TARGETS = [
    ("startup_demo", "start-up, demo data", 1.6, "ratio"),
    ("startup_heavy", "start-up, heavy year", 2.0, "ratio"),
    ("keys_p95_heavy", "key-to-screen p95, heavy year", 3.0, "ratio"),
    ("idle_no_timer", "idle bytes/s, no timer", 60.0, "max"),
    ("idle_pomodoro", "idle bytes/s, Pomodoro running", None, "bare"),
    ("memory_heavy", "peak memory, heavy year", 2.0, "ratio"),
    ("store_edit_p95_1x", "store task edit p95, 1x", FRAME_MS, "max"),
]


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets of issue 8, each with vatui's figure, the bare app's, the ratio and pass/fail."""
    st, mem, keys, idle, store = (results.get(k) or {} for k in ("startup", "memory", "keys", "idle", "store"))

    def get(d: Any, *path: str) -> Any:
        for p in path:
            if not isinstance(d, dict):
                return None
            d = d.get(p)
        return d

    figures = {
        "startup_demo": (get(st, "vatui_demo", "median_s"), get(st, "bare", "median_s"), "s"),
        "startup_heavy": (get(st, "vatui_heavy", "median_s"), get(st, "bare", "median_s"), "s"),
        "keys_p95_heavy": (get(keys, "vatui_heavy", "all", "p95_ms"), get(keys, "bare", "all", "p95_ms"), "ms"),
        "idle_no_timer": (get(idle, "vatui_no_timer", "bytes_per_s"), get(idle, "bare", "bytes_per_s"), "B/s"),
        "idle_pomodoro": (get(idle, "vatui_pomodoro", "bytes_per_s"), get(idle, "bare", "bytes_per_s"), "B/s"),
        "memory_heavy": (get(mem, "vatui_heavy", "vmhwm_median_mib"), get(mem, "bare", "vmhwm_median_mib"), "MiB"),
        "store_edit_p95_1x": (get(store, scale_key(1.0), "edit_p95_ms"), None, "ms"),
    }
    rows = []
    for key, what, limit, kind in TARGETS:
        vatui, bare, unit = figures[key]
        ratio = round(vatui / bare, 2) if vatui is not None and bare else None
        if kind == "ratio":
            ok = None if ratio is None else ratio <= limit
            target = f"<= {limit:g}x bare"
        elif kind == "max":
            ok = None if vatui is None else vatui <= limit
            target = f"<= {limit:.4g} {unit}"
        else:
            ok = None if vatui is None or bare is None else vatui <= bare
            target = "<= bare"
        rows.append({"key": key, "what": what, "unit": unit, "vatui": vatui, "bare": bare, "ratio": ratio,
                     "target": target, "pass": ok})
    return rows


def scale_key(scale: float) -> str:
    return f"{scale:g}x"


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value * 1000:.0f} ms"
    if isinstance(value, float):
        return f"{value:.1f}{' ' + unit if unit else ''}" if abs(value) < 1000 else f"{value:.0f} {unit}".strip()
    return f"{value} {unit}".strip()


def table(results: dict[str, Any]) -> str:
    """One table: every figure, vatui against bare, and the targets."""
    rows: list[list[str]] = []
    targets = {r["key"]: r for r in results["targets"]}

    def add(what: str, vatui: Any, bare: Any, unit: str, key: str | None = None) -> None:
        ratio = f"{vatui / bare:.2f}x" if isinstance(vatui, (int, float)) and isinstance(bare, (int, float)) and bare \
            else ""
        target = verdict = ""
        if key:
            t = targets[key]
            target = t["target"]
            verdict = {True: "PASS", False: "FAIL", None: "n/a"}[t["pass"]]
        rows.append([what, _fmt(vatui, unit), _fmt(bare, unit) if bare is not None or key else "", ratio, target,
                     verdict])

    st, mem, keys, idle = (results.get(k) for k in ("startup", "memory", "keys", "idle"))
    if st:
        add("start-up, demo data", st["vatui_demo"]["median_s"], st["bare"]["median_s"], "s", "startup_demo")
        add("start-up, new empty file", st["vatui_empty"]["median_s"], st["bare"]["median_s"], "s")
        add(f"start-up, heavy year {results['meta']['scale']:g}x", st["vatui_heavy"]["median_s"],
            st["bare"]["median_s"], "s", "startup_heavy")
        for app, label in (("vatui_demo", "demo data"), ("vatui_heavy", "heavy year")):
            if st[app].get("paired_ratio_median") is not None:  # the targets stay on the ratio of the medians
                rows.append([f"start-up, {label}: median of each run's own ratio", "", "",
                             f"{st[app]['paired_ratio_median']:.2f}x", "", ""])
    if keys:
        for name, label in (("queue", "queue down/up"), ("panes", "panes 1 2 4 3"), ("form", "open a form"),
                            ("help", "open help ?")):
            v, b = keys["vatui_heavy"].get(name, {}), keys["bare"].get(name, {})
            note = "" if v.get("answered", True) else " (no answer: placeholder?)"
            add(f"key p50, {label}{note}", v.get("p50_ms"), b.get("p50_ms"), "ms")
            add(f"key p95, {label}", v.get("p95_ms"), b.get("p95_ms"), "ms")
        add("key-to-screen p95, heavy year (all answered keys)", keys["vatui_heavy"]["all"]["p95_ms"],
            keys["bare"]["all"]["p95_ms"], "ms", "keys_p95_heavy")
    if idle:
        add(f"idle bytes/s, no timer ({idle['seconds']:g} s; bare ticks)", idle["vatui_no_timer"]["bytes_per_s"],
            idle["bare"]["bytes_per_s"], "B/s", "idle_no_timer")
        vp = idle.get("vatui_pomodoro") or {}
        add("idle bytes/s, Pomodoro running" + (" (no CLI)" if idle.get("pomodoro_note") else ""),
            vp.get("bytes_per_s"), idle["bare"]["bytes_per_s"], "B/s", "idle_pomodoro")
        add("idle CPU %, no timer", idle["vatui_no_timer"]["cpu_percent"], idle["bare"]["cpu_percent"], "%")
    if mem:
        add("peak memory, new empty file (VmHWM)", mem["vatui_empty"]["vmhwm_median_mib"],
            mem["bare"]["vmhwm_median_mib"], "MiB")
        add("peak memory, demo (VmHWM)", mem["vatui_demo"]["vmhwm_median_mib"], mem["bare"]["vmhwm_median_mib"], "MiB")
        add("peak memory, heavy year (VmHWM)", mem["vatui_heavy"]["vmhwm_median_mib"],
            mem["bare"]["vmhwm_median_mib"], "MiB", "memory_heavy")
    for scale, s in (results.get("store") or {}).items():
        key = "store_edit_p95_1x" if scale == "1x" else None
        add(f"store open, {scale} ({s['file_bytes'] / 1e6:.1f} MB; parse {s['parse_ms']:.0f} + decode "
            f"{s['decode_ms']:.0f} ms)", s["open_ms"], None, "ms")
        add(f"store task edit p50, {scale}", s["edit_p50_ms"], None, "ms")
        add(f"store task edit p95, {scale}", s["edit_p95_ms"], None, "ms", key)
        add(f"store entry insert p50 / p95, {scale}", f"{s['insert_p50_ms']:.1f} / {s['insert_p95_ms']:.1f}", None,
            "ms")
        if "close_ms" in s:  # the whole rewrites a cockpit still pays: first write of a day, quitting
            add(f"store whole rewrite: first write of a day / quit, {scale}",
                f"{s['first_write_of_day_ms']:.1f} / {s['close_ms']:.1f}", None, "ms")
    prof = results.get("profile")
    if prof and "store_load_ms" in prof:
        add("cProfile, heavy start: Store() load (before the app)", prof["store_load_ms"], None, "ms")
        add("cProfile, heavy start: of which JSON parse / decode", f"{prof['parse_ms']:.0f} / {prof['decode_ms']:.0f}",
            None, "ms")
        add("cProfile, heavy start: App.run (Textual, to quit)", prof["app_run_ms"], None, "ms")
    headers = ["measure", "vatui", "bare", "ratio", "target", "result"]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
