"""derive gives the same answer on an idle machine and with both cores busy.

    python benchmarks/steady.py [NAME ...]

Each catalogue entry (or the ones named) is derived as `python -m glusym derive NAME --format
json` in a fresh process twice: once as the machine is, once while two processes spin on the two
cores. The two JSON outputs are compared; the figure is how many entries differ (target 0), with
each entry's wall time in both runs.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time


def _spin(stop: float) -> None:
    while time.monotonic() < stop:
        pass


def _derive(name: str) -> tuple[str, float]:
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "glusym", "derive", name, "--format", "json"],
                         capture_output=True, text=True, timeout=600)
    return out.stdout + out.stderr, time.monotonic() - start


def compare(names: list[str]) -> list[tuple[str, bool, float, float]]:
    rows = []
    for name in names:
        idle, t_idle = _derive(name)
        spinners = [multiprocessing.Process(target=_spin, args=(time.monotonic() + 600,)) for _ in range(2)]
        for p in spinners:
            p.start()
        try:
            busy, t_busy = _derive(name)
        finally:
            for p in spinners:
                p.terminate()
                p.join()
        rows.append((name, idle == busy, t_idle, t_busy))
    return rows


def main(names: list[str]) -> int:
    if not names:
        import glusym

        names = glusym.names()
    rows = compare(names)
    for name, same, t_idle, t_busy in rows:
        print(f"{name:16} {'same' if same else 'DIFFERENT':9}  idle {t_idle:5.2f} s  busy {t_busy:5.2f} s")
    differ = [r for r in rows if not r[1]]
    print(f"\n{len(rows)} entries, {len(differ)} differ between idle and busy (target 0)")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
