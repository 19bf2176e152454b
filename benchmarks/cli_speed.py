"""How fast the command line answers what needs no mathematics: usage errors, --version, --help.

Each command runs cold, as a whole process, N times (median); the target is 0.3 s. Beside the
time, whether SymPy was imported (python -X importtime): the arguments are parsed before any
heavy module (SymPy, NumPy, matplotlib) is imported, so none of these loads one. For scale, the
run of `python -c pass` and of `python -c "import sympy"`.

`glusym` is the console script on PATH (pip install -e .); this checkout is the one imported
(PYTHONPATH is set to it).

Run:  python benchmarks/cli_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.3
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def _cold(cmd: list[str], runs: int, status: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if r.returncode != status:
            raise SystemExit(f"{' '.join(cmd)} exited {r.returncode}, not {status}: {r.stderr.decode()[-500:]}")
    return statistics.median(times)


def _loads_sympy(cmd: list[str]) -> bool:
    python = [sys.executable, "-X", "importtime"]
    argv = python + cmd[1:] if cmd[0] == sys.executable else python + ["-c", "from glusym.cli import main; "
                                                                     f"raise SystemExit(main({cmd[1:]!r}))"]
    r = subprocess.run(argv, capture_output=True, text=True, env=ENV, cwd=ROOT)
    return any(line.rstrip().endswith("| sympy") for line in r.stderr.splitlines())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    script = shutil.which("glusym")
    if script is None:
        raise SystemExit("no `glusym` on PATH: pip install -e . first")
    py = [sys.executable, "-m", "glusym"]
    rows = [("python -m glusym --badflag", py + ["--badflag"], 2),
            ("python -m glusym derive", py + ["derive"], 2),
            ("python -m glusym latex gelu --sett beta=0", py + ["latex", "gelu", "--sett", "beta=0"], 2),
            ("glusym --version", [script, "--version"], 0),
            ("glusym --help", [script, "--help"], 0)]
    print(f"cold wall time, median of {runs} runs; target {TARGET} s")
    for label, code in (("python -c pass (for scale)", "pass"), ('python -c "import sympy" (for scale)', "import sympy")):
        print(f"{label:<44} {_cold([sys.executable, '-c', code], runs, 0):6.3f} s")
    worst = 0.0
    for label, cmd, status in rows:
        t = _cold(cmd, runs, status)
        worst = max(worst, t)
        print(f"{label:<44} {t:6.3f} s  {'<' if t < TARGET else '>='} {TARGET}  "
              f"{'imports sympy' if _loads_sympy(cmd) else 'no sympy'}")
    return 0 if worst < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
