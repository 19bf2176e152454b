"""glusym.cache: the disk cache of simplifications reads nothing as code, trusts nothing unchecked,
and makes an answer the same whatever the machine's load."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sympy

import glusym
from glusym import cache
from glusym.analysis.calculus import tidy


@pytest.mark.parametrize("name", glusym.names())
def test_every_catalogue_expression_reads_back_from_srepr(name: str) -> None:
    u = glusym.get(name)
    for e in (u.expr, *glusym.gradient(u), -sympy.oo, sympy.oo, sympy.Tuple(sympy.true, -sympy.Rational(1, 2))):
        assert cache.from_srepr(sympy.srepr(e)) == e


@pytest.mark.parametrize("text", [
    "__import__('os').system('false')", "Symbol('x').__class__", "Symbol('x') + Symbol('y')", "lambda: 1",
    "Integer(" + "9" * 5000 + ")", "open('/etc/passwd')", "Symbol(Symbol('x'))", "Symbol('x', real=print)",
    "Add(*[Integer(1)])", "[" * 2000 + "]" * 2000, "Integer(1)(2)", "Float(open)",
])
def test_from_srepr_refuses_anything_but_sympy_literals(text: str) -> None:
    with pytest.raises(ValueError, match="not a SymPy object"):
        cache.from_srepr(text)


@pytest.fixture()
def fresh(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("GLUSYM_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setattr(cache, "SHIPPED", tmp_path / "none")
    return tmp_path


def test_a_simplification_is_computed_once_and_remembered(fresh) -> None:  # noqa: ANN001
    x = glusym.x
    e = sympy.exp(x) * sympy.exp(-x) + x
    calls = []

    def compute() -> sympy.Expr:
        calls.append(1)
        return x + 1

    assert cache.simplified(e, compute) == x + 1
    assert cache.simplified(e, compute) == x + 1 and len(calls) == 1
    (path,) = fresh.glob("simplify-sympy-*.json")
    assert json.loads(path.read_text()) and sympy.__version__ in path.name


def test_a_tampered_entry_is_checked_ignored_and_recomputed(fresh) -> None:  # noqa: ANN001
    x = glusym.x
    e = sympy.exp(x) * sympy.exp(-x) + x
    cache.simplified(e, lambda: x + 1)
    (path,) = fresh.glob("simplify-sympy-*.json")
    table = json.loads(path.read_text())
    table = {k: sympy.srepr(x + 2) for k in table}  # a wrong simpler form
    path.write_text(json.dumps(table))
    cache._memory.clear()
    before = len(cache.rejected)
    assert cache.simplified(e, lambda: x + 1) == x + 1  # the wrong one is refused, the right one found
    assert len(cache.rejected) == before + 1
    path.write_text("{not json")
    cache._memory.clear()
    assert cache.simplified(e, lambda: x + 1) == x + 1  # an unreadable file is as no file


def test_a_computed_form_that_is_not_equal_is_not_kept(fresh) -> None:  # noqa: ANN001
    x = glusym.x
    assert cache.simplified(sympy.sin(x) ** 2 + sympy.cos(x) ** 2 + x, lambda: x + 2) is None


def test_tidy_answers_the_same_under_a_short_budget_once_remembered(fresh) -> None:  # noqa: ANN001
    """Mish'' simplifies in about 0.7 s: remembered, a budget far too short gives the same form."""
    d2 = sympy.diff(glusym.get("mish").expr, glusym.x, 2)
    first = tidy(d2, budget=30)
    assert sympy.count_ops(first) < sympy.count_ops(d2)
    assert tidy(d2, budget=0.001) == first


def test_the_shipped_table_is_read_and_every_entry_checks() -> None:
    """The catalogue's derivations meet the shipped table: every entry it holds is read back and
    found equal (none rejected), in a process of its own with no user cache."""
    code = (
        "import glusym, glusym.cache as c\n"
        "for n in glusym.names():\n"
        "    u = glusym.get(n); glusym.gradient(u); glusym.hessian(u)\n"
        "assert not c.rejected, c.rejected\n"
        "print(len(c._table('simplify')))\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                             env={**__import__("os").environ, "XDG_CACHE_HOME": d})
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.split()[-1]) >= 50


def test_the_shipped_tables_cover_the_catalogue(tmp_path) -> None:  # noqa: ANN001
    """Every simplification, limit at infinity, root search and presented form that derive and
    latex ask for over the catalogue is in the shipped tables: a run with an empty user cache
    computes none of them and adds nothing to it (after a change to
    the analyses or the printing layer, `python scripts/build_cache.py` brings them up to date)."""
    code = (
        "import glusym, glusym.cache as c\n"
        "from glusym.cli import derivation_text\n"
        "from glusym.latex import PARTS, latex_part\n"
        "for n in glusym.names():\n"
        "    u = glusym.get(n)\n"
        "    derivation_text(glusym.derive(u))\n"
        "    for part in PARTS:\n"
        "        latex_part(u, part)\n"
        "assert not c.rejected, c.rejected\n"
        "assert not c.computed, sorted(c.computed)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900,
                         env={**__import__("os").environ, "GLUSYM_CACHE": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    added = {p.name: len(json.loads(p.read_text())) for p in tmp_path.glob("*.json")}
    assert added == {}, f"computed, not shipped: {added} (run python scripts/build_cache.py)"


@pytest.mark.parametrize("name, wrong", [("gelu", sympy.Integer(2)), ("silu", -sympy.oo), ("softsign", sympy.S.Zero),
                                         ("tanh", sympy.oo)])
def test_a_tampered_limit_at_infinity_is_refused_and_recomputed(fresh, name: str, wrong: sympy.Expr) -> None:  # noqa: ANN001
    """Every remembered limit is rewritten to a wrong value: each is refused on reading (the
    expression at y = 10^2..10^4 does not go there), recomputed, and the asymptotes are as before."""
    from glusym.analysis.asymptotes import asymptotes

    first = asymptotes(glusym.get(name))
    (path,) = fresh.glob("limits-sympy-*.json")
    table = json.loads(path.read_text())
    assert table
    path.write_text(json.dumps({k: sympy.srepr(wrong) for k in table}))
    cache._memory.clear()
    before = len(cache.rejected)
    again = asymptotes(glusym.get(name))
    assert (again.plus.limit, again.minus.limit, again.plus.oblique, again.minus.oblique) == \
        (first.plus.limit, first.minus.limit, first.plus.oblique, first.minus.oblique)
    assert len(cache.rejected) - before >= len([v for v in table.values() if v != sympy.srepr(wrong)])


def test_a_limit_is_checked_against_the_expression_it_is_of() -> None:
    from glusym.analysis.asymptotes import _Y, _tends_to

    assert _tends_to(1 / (1 + sympy.exp(-_Y)), sympy.S.One)
    assert not _tends_to(1 / (1 + sympy.exp(-_Y)), sympy.S.Zero)
    assert _tends_to(_Y * sympy.log(_Y), sympy.oo) and not _tends_to(_Y * sympy.log(_Y), -sympy.oo)
    assert not _tends_to(_Y * sympy.log(_Y), sympy.Integer(10**6))
    assert not _tends_to(sympy.sin(_Y), sympy.S.Zero)  # no limit: 1 % at 10^4 fails
    assert not _tends_to(_Y, sympy.nan) and not _tends_to(_Y, "oo")
