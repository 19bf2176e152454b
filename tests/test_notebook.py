"""The executed notebook ``docs/notebook.ipynb`` shows what glusym computes today (issue 16, item 5).

The test runs the notebook with nbclient (kernel ``python3``, ipykernel) in a kernel that imports
glusym from this checkout (``PYTHONPATH`` and the working directory are the checkout's), and
compares every cell's ``text/plain``, ``text/latex`` and ``text/html`` outputs, its printed text
and its errors with the ones stored in the notebook. Normalised, because they must vary: memory
addresses (``0x…``), timings (``… s``, ``… ms``) and figure images (the image's presence and pixel
size are compared, not its bytes).

To store new outputs after a change that shows differently (and read the diff before committing):

    PYTHONPATH=. python tests/test_notebook.py --update
"""

from __future__ import annotations

import base64
import os
import re
import struct
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"
#: Seconds a cell may take (the derivation of GELU and the check of the post take a few).
CELL_TIMEOUT = 300

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
_TIMING = re.compile(r"\b\d+(?:\.\d+)?\s?(?:s|ms|µs|seconds)\b")


def _normal(text: str) -> str:
    return _TIMING.sub("<time>", _ADDRESS.sub("0x…", text))


def _png_size(data: str) -> tuple[int, int]:
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def _shown(cell: Any) -> list[Any]:
    """What a code cell shows, normalised: per output its kind and its texts, an image by its size."""
    out: list[Any] = []
    for o in cell.get("outputs", []):
        kind = o["output_type"]
        if kind == "stream":
            out.append((kind, o["name"], _normal(o["text"])))
        elif kind == "error":
            out.append((kind, o["ename"], _normal(o["evalue"])))
        else:
            data = o.get("data", {})
            shown = {m: _normal(v if isinstance(v, str) else "".join(v)) for m, v in sorted(data.items())
                     if m in ("text/plain", "text/latex", "text/html")}
            if "image/png" in data:
                shown["image/png"] = "%d×%d" % _png_size(data["image/png"])
                shown.pop("text/plain", None)  # "<Figure size 480x280 with 1 Axes>": the size is compared above
            out.append((kind, shown))
    return out


def _execute(nb: Any) -> Any:
    nbclient = pytest.importorskip("nbclient") if "pytest" in sys.modules else __import__("nbclient")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT,
                                     resources={"metadata": {"path": str(ROOT)}})
    old = dict(os.environ)
    os.environ.update(env)  # the kernel is started with this environment: glusym from this checkout
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def _read() -> Any:
    import nbformat

    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def executed() -> tuple[Any, Any]:
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    stored = _read()
    fresh = _execute(_read())
    return stored, fresh


def test_notebook_runs_and_shows_what_it_stores(executed: tuple[Any, Any]) -> None:
    stored, fresh = executed
    cells = [(s, f) for s, f in zip(stored.cells, fresh.cells) if s.cell_type == "code"]
    assert len(stored.cells) == len(fresh.cells) and len(cells) >= 10
    for i, (s, f) in enumerate(cells):
        assert s.source == f.source
        now, then = _shown(f), _shown(s)
        assert now == then, f"code cell {i + 1} ({s.source.splitlines()[0]!r}) shows\n{now}\ninstead of\n{then}"
    assert not any(o["output_type"] == "error" for _, f in cells for o in f.outputs)


def test_notebook_shows_rich_displays_not_dataclass_dumps(executed: tuple[Any, Any]) -> None:
    _, fresh = executed
    kinds: set[str] = set()
    for cell in fresh.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            plain = data.get("text/plain", "")
            assert "=(" not in plain and "dataclass" not in plain, plain[:200]
            kinds |= set(data)
    assert {"text/plain", "text/latex", "text/html", "image/png"} <= kinds
    html = "".join(o["data"].get("text/html", "") for c in fresh.cells for o in c.get("outputs", []) if "data" in o)
    assert "glusym-derivation" in html and "glusym-report" in html
    assert 'class="verdict-holds"' in html and 'class="verdict-fails"' in html


def test_the_kernel_imports_this_checkout(executed: tuple[Any, Any]) -> None:
    """The kernel's glusym is the one under test (CI's fresh clone tests its own code)."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import glusym; print(glusym.__file__)")])
    out = _execute(nb).cells[0].outputs[0]["text"].strip()
    assert Path(out).resolve().is_relative_to(ROOT), out


if __name__ == "__main__":  # store fresh outputs: python tests/test_notebook.py --update
    import nbformat

    if "--update" not in sys.argv:
        sys.exit("usage: PYTHONPATH=. python tests/test_notebook.py --update")
    nbformat.write(_execute(_read()), NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
