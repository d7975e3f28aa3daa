"""Creating an invoice is one write: a kill leaves the whole invoice or nothing, and two processes
invoicing one client at once never bill an entry twice nor share a number."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from vatui.core.models import Client, Task, TimeEntry
from vatui.store import Store

pytestmark = pytest.mark.slow

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def _seed(path, entries: int) -> None:
    store = Store(path)
    store.clients.add(Client(name="Acme", tz="America/New_York", rate=Decimal(40), currency="EUR"))
    store.tasks.add_many([Task(title=f"t{i}", created=START, client_id=1, notes="n" * 200) for i in range(400)])
    store.entries.add_many([TimeEntry(START + timedelta(hours=3 * i), START + timedelta(hours=3 * i, minutes=50), 1,
                                      1 + i % 400) for i in range(entries)])


def _invoice_create(path, config, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "VATUI_CONFIG": str(config)}
    return subprocess.Popen([sys.executable, "-m", "vatui", "--db", str(path), "invoice", "create", "--client", "Acme",
                             "--date", "2026-11-23", "--to", "2026-11-23", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _raw(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_sigkill_during_invoice_create_leaves_the_whole_invoice_or_nothing(tmp_path):
    rng = random.Random(20261123)
    seed = tmp_path / "seed.json"
    _seed(seed, 2000)
    config = tmp_path / "config.toml"
    config.write_text('[me]\nzone = "Europe/Bucharest"\n', encoding="utf-8")
    timed = tmp_path / "timed.json"  # how long one create takes here, to spread the kills over it
    timed.write_bytes(seed.read_bytes())
    began = time.monotonic()
    p = _invoice_create(timed, config)
    assert p.wait(timeout=60) == 0, p.stderr.read()
    took = time.monotonic() - began
    whole = nothing = 0
    for n in range(30):
        path = tmp_path / f"kill{n}.json"
        path.write_bytes(seed.read_bytes())
        p = _invoice_create(path, config)
        time.sleep(rng.uniform(0.3, 1.1) * took)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        store = Store(path)  # parses, or the test fails with the store's message
        invoices = store.invoices.all()
        seqs = _raw(path)["_meta"]["1"].get("invoice_seq", {})
        if invoices:
            (inv,) = invoices
            assert inv.number == "2026-001" and seqs == {"2026": 2}
            assert set(inv.entry_ids) == store.entries.ids()  # every entry marked, in the same write
            whole += 1
        else:
            assert seqs == {}  # the sequence did not move without its invoice
            nothing += 1
    print(f"{whole} whole invoices, {nothing} with nothing; one create took {took:.2f} s")
    assert whole and nothing, f"the kills did not land on both sides of the write ({whole} whole, {nothing} nothing)"


def test_two_processes_invoicing_one_client_at_once_share_nothing(tmp_path):
    path = tmp_path / "shared.json"
    _seed(path, 300)
    config = tmp_path / "config.toml"
    config.write_text('[me]\nzone = "Europe/Bucharest"\n', encoding="utf-8")
    for round_ in range(4):
        procs = [_invoice_create(path, config, "--item", f"Fee {round_}-{k}=10") for k in range(2)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        store = Store(path)
        store.entries.add(TimeEntry(START + timedelta(days=300 + round_), START + timedelta(days=300 + round_, hours=1),
                                    1))
    invoices = Store(path).invoices.all()
    numbers = [i.number for i in invoices]
    assert len(numbers) == 8 and len(set(numbers)) == 8
    billed = [eid for i in invoices for eid in i.entry_ids]
    assert len(billed) == len(set(billed)), "an entry was billed twice"
    assert set(billed) == Store(path).entries.ids() - {max(Store(path).entries.ids())}  # the last one added after
