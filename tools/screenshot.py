"""Write the README's screenshot: the cockpit on demo data at a fixed instant, as SVG.

    python tools/screenshot.py [docs/cockpit.svg] [--size 120x36]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from vatui.app import VatuiApp
from vatui.core.clock import FixedClock
from vatui.core.settings import Settings
from vatui.store import Store
from vatui.store.demo import seed_demo

# The same instant as the tests' snapshots: Monday 23 November 2026, 15:00 in Bucharest.
FROZEN = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)


async def shoot(out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(FROZEN)
        store = Store(Path(folder) / "demo.json", clock=clock)
        seed_demo(store, clock.now(), "Europe/Bucharest")
        app = VatuiApp(store=store, clock=clock, settings=Settings(me_zone="Europe/Bucharest", me_city="Bucharest"),
                       config_path=Path(folder) / "config.toml", demo=True, tick=False)
        async with app.run_test(size=(width, height)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            out.parent.mkdir(parents=True, exist_ok=True)
            app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="docs/cockpit.svg", type=Path)
    parser.add_argument("--size", default="120x36")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    asyncio.run(shoot(args.out, width, height))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
