r"""A hostile corpus for glusym's command line and library: inputs a careful tester would try.

Every case is generated here (nothing is stored as megabytes) and run by ``tests/test_hostile.py``
as a fresh process, with a wall-clock limit and a memory limit, to show that glusym keeps its
promise on it: an answer or a one-line error, exit status 0, 1 or 2, no traceback, no hang, and a
time within the budgets it was given (the links' budgets plus a small constant).

The kinds of cases:

* **posts** for ``glusym check``: derivatives of absurd order (500 primes, ``\frac{d^{500}}{dx^{500}}``),
  towers and huge literals (``9^{9^{9}}``, ``(10^{7})!``, 100,000 digits), a formula of 1 MB,
  deep nesting (parentheses, ``\sigma`` and ``\frac`` inside themselves), long chains of
  equalities, thousands of formulas, unbalanced and malformed TeX;
* **files** that are not posts: binary data, non-UTF-8 text, NUL bytes, an empty file, a directory,
  a file that does not exist, ``/dev/zero`` and ``/dev/urandom``;
* **command-line misuse**: bad budgets (nan, inf, 1e10, 0, −1), orders and depths out of range,
  unknown names and parts, bad parameter values, the corners of ``derive``'s documented limits;
* **library misuse**: bad arguments to the public functions, each followed in the same process by
  a good call that must still work (no state survives a bad call).

``python tests/hostile_corpus.py`` lists the cases; ``python benchmarks/hostile.py`` runs them all
and reports the slowest and the largest.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: the budget of each link or section in the cases (seconds); small, so that the corpus is quick
BUDGET = 1.0
#: what a process may add to its budgets: starting Python, importing SymPy, reading and printing
#: (seconds; generous, for a loaded two-core machine)
CONSTANT = 25.0
#: the memory a case may use, resident (the issue's bound: "about 1 GB")
MEMORY_BYTES = 1 << 30


@dataclass(frozen=True)
class Case:
    """One hostile input.

    ``argv`` are the arguments after ``python -m glusym`` (``{file}`` stands for the written
    ``post``), or ``code`` a Python program run with ``python -c``.  ``links`` is how many budgets
    the run may spend (links of a post, sections of a derivation), ``exits`` the exit statuses
    that keep the promise for it, ``says`` a text its output must contain.
    """

    name: str
    argv: tuple[str, ...] = ()
    post: str | bytes | None = None
    suffix: str = ".md"
    code: str | None = None
    links: int = 1
    exits: frozenset[int] = frozenset({0, 1, 2})
    says: str | None = None
    budget: float = BUDGET
    constant: float = CONSTANT

    @property
    def limit(self) -> float:
        """The wall-clock time the case may take: its budgets and the constant."""
        return self.links * self.budget + self.constant


def _check(name: str, post: str | bytes, links: int = 1, suffix: str = ".md", exits: set[int] | None = None,
           says: str | None = None) -> Case:
    return Case(name, ("check", "--budget", str(BUDGET), "{file}"), post=post, suffix=suffix, links=links,
                exits=frozenset(exits or {0, 1}), says=says)


def _display(formula: str) -> str:
    return f"A hostile post.\n\n$$\n{formula}\n$$\n"


def _posts() -> list[Case]:
    cases = [
        _check("derivative-order-500-leibniz", _display(r"\frac{d^{500}}{dx^{500}} \sigma(x) = 0")),
        _check("sigma-500-primes", _display(r"\sigma" + "'" * 500 + "(x) = 0")),
        _check("gelu-60-primes", _display(r"\mathrm{GELU}" + "'" * 60 + "(x) = 0")),
        _check("sigma-20-primes", _display(r"\sigma" + "'" * 20 + "(x) = 0")),
        _check("tanh-30-primes", _display(r"\tanh" + "'" * 30 + "(x) = 0")),
        _check("d-dx-25-times", _display(r"\frac{d}{dx}" * 25 + r"\sigma(x) = 0")),
        _check("tower-9-9-9", _display(r"9^{9^{9}} = 1")),
        _check("tower-10-10-10", _display(r"10^{10^{10}} + x = x")),
        _check("factorial-10-7", _display(r"(10^{7})! = 1")),
        _check("binomial-10-7", _display(r"\binom{10^{7}}{5000000} = 1")),
        _check("power-10-1000000", _display(r"10^{1000000} + x = x")),
        _check("power-2-2-40", _display(r"2^{2^{40}} = 1")),
        _check("factorial-10-6", _display(r"(10^{6})! = 1")),
        _check("literal-100000-digits", _display("x = " + "9" * 100_000)),
        _check("decimal-100000-digits", _display("x = 0." + "3" * 100_000)),
        _check("exponent-literal-e999999", _display(r"e^{999999} \cdot e^{-999999} = 1")),
        _check("one-megabyte-formula", _display(" + ".join(["x"] * 200_000) + " = 200000 x")),
        _check("nested-parentheses-5000", _display("(" * 5000 + "x" + ")" * 5000 + " = x")),
        _check("nested-sigma-300", _display(r"\sigma(" * 300 + "x" + ")" * 300 + " = 0")),
        _check("nested-frac-200", _display(r"\frac{1}{1 + " * 200 + "x" + "}" * 200 + " = 0")),
        _check("nested-sqrt-300", _display(r"\sqrt{" * 300 + "x" + "}" * 300 + " = x")),
        _check("nested-exp-tower-8", _display("e^{" * 8 + "x" + "}" * 8 + " = 0")),
        _check("symbol-tower-6", _display("x^{" * 6 + "x" + "}" * 6 + " = 1")),
        _check("nested-braces-3000", _display("{" * 3000 + "x" + "}" * 3000 + " = x")),
        _check("chain-of-2000-equalities", _display(" = ".join(["x"] * 2000)), links=2000),
        _check("chain-of-300-sigmas", _display(" = ".join([r"\sigma(x)"] * 300)), links=300),
        _check("three-thousand-formulas",
               "Many formulas.\n\n" + "\n\n".join(f"${k} + x = x + {k}$" for k in range(3000)), links=3000),
        _check("sum-to-10-9", _display(r"\sum_{n=1}^{10^{9}} n = 0")),
        _check("product-to-10-9", _display(r"\prod_{n=1}^{10^{9}} (1 + 1/n^2) = 2")),
        _check("integral-to-10-100", _display(r"\int_0^{10^{100}} \sigma(x)\, dx = 1")),
        _check("sin-10-100-x", _display(r"\sin(10^{100} x) = \sin(x)")),
        _check("series-order-10-6", _display(r"\sigma(x) = \frac{1}{2} + \frac{x}{4} + O(x^{1000000})")),
        _check("series-order-10-100", _display(r"\tanh(x) = x + O(x^{10^{100}})")),
        _check("gamma-10-10", _display(r"\Gamma(10^{10}) = 1")),
        _check("exp-exp-100", _display(r"e^{e^{100}} - e^{e^{100}} = 0")),
        _check("matrix-200x200", _display(r"\begin{pmatrix}" + r"\\".join(["&".join(["x"] * 200)] * 200)
                                          + r"\end{pmatrix} = 0")),
        _check("hundred-thousand-thin-spaces", _display("x" + r"\," * 100_000 + " = x")),
        _check("thousand-minus-signs", _display("-" * 1000 + "x = x")),
        _check("unbalanced-braces", _display(r"\frac{x}{1 + x = 1")),
        _check("unbalanced-left", _display(r"\left( x + 1 = x")),
        _check("unknown-commands", _display(r"\foo\bar{x}\baz = 1")),
        _check("many-unknown-functions", _display(" + ".join(f"f_{{{k}}}(x)" for k in range(2000)) + " = 0")),
        _check("ten-thousand-dollars", "$" * 10_000 + "\n"),
        _check("unclosed-display", "Text.\n\n$$\n\\sigma(x) = 1\n"),
        _check("deep-markdown-quotes", "> " * 5000 + "$x = x$\n"),
        _check("deep-markdown-lists", "".join("  " * k + "- item\n" for k in range(700)) + "$x = x$\n"),
        _check("long-line-of-text", "word " * 150_000 + "\n"),
        _check("two-megabyte-post", "word " * 400_000 + "\n", exits={2}, says="larger than"),
        _check("post-as-plain-text", "The identity \\sigma(-x) = 1 - \\sigma(x) holds and 2^{2^{40}} = 1 too.\n",
               suffix=".txt", links=2),
    ]
    return cases


def _files() -> list[Case]:
    rng = __import__("random").Random(15)
    binary = bytes(rng.randrange(256) for _ in range(200_000))
    return [
        _check("binary-file", binary, exits={0, 1, 2}),
        _check("binary-file-as-text", binary, suffix=".txt", exits={0, 1, 2}),
        _check("latin-1-file", _display(r"\sigma(x) = 1 \text{ für alle } x").encode("latin-1"), exits={0, 1, 2}),
        _check("nul-bytes", b"$x = x$\n" + b"\0" * 10_000 + b"\n$y = 1$\n", exits={0, 1, 2}),
        _check("empty-file", b""),
        _check("only-newlines", b"\n" * 1_000_000),
        # a folder is a set of posts now (check takes folders): one holding none is the error
        Case("folder-without-posts", ("check", "{dir}/empty"), exits=frozenset({2}), says="glusym: error"),
        Case("folder-of-posts", ("check", "{dir}"), exits=frozenset({0, 1})),
        Case("missing-file", ("check", "/nonexistent/post.md"), exits=frozenset({2}), says="glusym: error"),
        Case("dev-zero", ("check", "/dev/zero"), exits=frozenset({2}), says="glusym: error"),
        Case("dev-urandom", ("check", "/dev/urandom"), exits=frozenset({2}), says="glusym: error"),
    ]


def _usage(name: str, *argv: str, exits: set[int] | None = None, says: str | None = "glusym", links: int = 1) -> Case:
    return Case(name, argv, exits=frozenset(exits or {2}), says=says, links=links)


_POST_WITH_A_FALSE_FORMULA = _display(r"\sigma(0) = 1")


def _cli() -> list[Case]:
    cases = []
    for bad in ("nan", "inf", "-inf", "1e10", "0", "-1", "abc", "1e400"):
        cases.append(Case(f"check-budget-{bad}", ("check", "--budget", bad, "{file}"), post=_POST_WITH_A_FALSE_FORMULA,
                          exits=frozenset({2}), says="--budget"))
        cases.append(_usage(f"derive-budget-{bad}", "derive", "silu", "--budget", bad, says="--budget"))
        cases.append(_usage(f"claims-budget-{bad}", "claims", "--budget", bad, says="--budget"))
    for bad in ("0", "-1", "641", "1000000", "abc", "1.5"):
        cases.append(_usage(f"derive-order-{bad}", "derive", "gelu", "--order", bad, says="--order"))
        cases.append(_usage(f"latex-order-{bad}", "latex", "gelu", "--order", bad, says="--order"))
    for bad in ("0", "65", "1000", "abc"):
        cases.append(_usage(f"derive-depth-{bad}", "derive", "swiglu", "--depth", bad, says="--depth"))
    cases += [
        _usage("derive-unknown-name", "derive", "swigluu", says="swigluu"),
        _usage("derive-empty-name", "derive", "", says="glusym"),
        _usage("derive-huge-name", "derive", "x" * 100_000, says="glusym"),
        _usage("derive-set-unknown", "derive", "swish", "--set", "gamma=2", says="gamma"),
        _usage("derive-set-not-a-number", "derive", "swish", "--set", "beta=abc", says="beta"),
        _usage("derive-set-no-value", "derive", "swish", "--set", "beta", says="beta"),
        _usage("derive-set-1e400", "derive", "swish", "--set", "beta=1e400", "--budget", str(BUDGET), exits={0},
               says=None, links=12),
        _usage("derive-set-nan", "derive", "swish", "--set", "beta=nan", says="beta"),
        _usage("derive-set-huge-digits", "derive", "swish", "--set", "beta=" + "9" * 100_000, exits={0, 2}),
        _usage("latex-unknown-part", "latex", "gelu", "--part", "everything", says="--part"),
        _usage("latex-unknown-name", "latex", "nope", says="nope"),
        _usage("plot-unknown-figure", "plot", "nope", says="nope"),
        _usage("plot-beta-nan", "plot", "swish-beta", "--beta", "nan", "-o", "{dir}/s.svg", says="beta"),
        _usage("plot-range-reversed", "plot", "activations", "--range", "3", "-3", "-o", "{dir}/a.svg",
               says="range"),
        _usage("plot-unknown-suffix", "plot", "activations", "-o", "{dir}/a.docx", says="glusym"),
        _usage("plot-relu-units-0", "plot", "square", "--relu-units", "0", "-o", "{dir}/q.svg", says="relu"),
        _usage("no-command", says=None),
        _usage("unknown-command", "frobnicate", says="frobnicate"),
        _usage("check-unknown-format", "check", "--format", "xml", "{file}", says="--format"),
        _usage("check-approx-tol-nan", "check", "--approx-tol", "nan", "{file}", says="--approx-tol"),
        _usage("check-approx-tol-negative", "check", "--approx-tol", "-1", "{file}", says="--approx-tol"),
        _usage("claims-missing-documents", "claims", "--documents", "/nonexistent", exits={2}, says="glusym"),
        # the corners of derive's documented limits: depth 64 at order 10, depth 1 at order 640
        Case("derive-corner-depth-64-order-10", ("derive", "swiglu", "--depth", "64", "--order", "10", "--budget",
                                                 str(BUDGET)), exits=frozenset({0}), links=12),
        Case("derive-corner-depth-1-order-640", ("derive", "swiglu", "--depth", "1", "--order", "640", "--budget",
                                                 str(BUDGET)), exits=frozenset({0}), links=12),
        Case("derive-depth-16-order-10", ("derive", "swiglu", "--depth", "16", "--order", "10", "--budget",
                                          str(BUDGET)), exits=frozenset({0}), links=12),
        Case("derive-mish-order-640", ("derive", "mish", "--order", "640", "--budget", str(BUDGET)),
             exits=frozenset({0}), links=12),
        Case("latex-order-640", ("latex", "mish", "--part", "taylor", "--order", "640", "--budget", str(BUDGET)),
             exits=frozenset({0, 1}), links=2),
        Case("latex-all-order-640", ("latex", "gelu_tanh", "--part", "all", "--order", "640", "--budget",
                                     str(BUDGET)), exits=frozenset({0, 1}), links=8),
    ]
    return cases


_GOOD_AFTER = (
    "\nimport glusym\n"
    "assert glusym.taylor(glusym.get('gelu'), order=4).polynomial is not None\n"
    "r = glusym.check_text(r'$\\sigma(0) = 1$')\n"
    "assert r.failed, r\n"
    "print('good call after a bad one: ok')\n"
)


def _library(name: str, bad: str, raises: str = "GlusymError", links: int = 2) -> Case:
    """``bad`` must raise ``raises`` (a one-line message), and good calls work after it."""
    code = (
        "import glusym, math\n"
        f"from glusym.errors import {raises}\n"
        "try:\n"
        f"    {bad}\n"
        "except " + raises + " as exc:\n"
        "    message = str(exc)\n"
        "    assert '\\n' not in message and len(message) <= 400, message\n"
        "    print('refused:', message)\n"
        "else:\n"
        "    raise SystemExit('not refused')\n" + _GOOD_AFTER
    )
    return Case(f"library-{name}", code=code, exits=frozenset({0}), says="good call after a bad one: ok", links=links)


def _answers(name: str, call: str, links: int = 1) -> Case:
    """``call`` must return an answer (no exception at all), and good calls work after it."""
    code = f"import glusym\nprint('answer:', str({call})[:300])\n" + _GOOD_AFTER
    return Case(f"library-{name}", code=code, exits=frozenset({0}), says="good call after a bad one: ok",
                links=links + 2)


def _libraries() -> list[Case]:
    cases = []
    for bad in ("float('nan')", "float('inf')", "1e10", "-1", "0", "'5'", "True"):
        slug = bad.strip("'").replace("float(", "").replace(")", "").replace("'", "")
        cases.append(_library(f"taylor-budget-{slug}", f"glusym.taylor(glusym.get('mish'), budget={bad})"))
        cases.append(_library(f"derive-budget-{slug}", f"glusym.derive(glusym.get('silu'), budget={bad})"))
        cases.append(_library(f"check-text-budget-{slug}", f"glusym.check_text('$x = x$', budget={bad})"))
    cases += [
        _library("taylor-order-10-6", "glusym.taylor(glusym.get('gelu'), order=10**6)"),
        _library("taylor-order-0", "glusym.taylor(glusym.get('gelu'), order=0)"),
        _library("taylor-order-float", "glusym.taylor(glusym.get('gelu'), order=2.5)"),
        _library("get-unknown", "glusym.get('swigluu')"),
        _library("get-bad-parameter", "glusym.get('swish', gamma=2)"),
        _library("get-parameter-nan", "glusym.get('swish', beta=float('nan'))"),
        _library("get-parameter-string-code", "glusym.get('swish', beta='__import__(\"os\").system(\"false\")')"),
        _library("get-not-a-string", "glusym.get(42)"),
        _library("stack-depth-1000", "glusym.stack(glusym.get('swiglu'), 1000)"),
        _answers("check-text-megabyte", "glusym.check_text('$' + 'x+' * 10**6 + 'x = x$')"),
        _answers("check-text-tower", "glusym.check_text('$2^{2^{40}} = 1$ and $(10^{7})! = 1$')", links=2),
        _answers("check-formula-500-primes", "glusym.check_formula('\\\\sigma' + \"'\" * 500 + '(x) = 0')"),
    ]
    return cases


def cases() -> list[Case]:
    """The whole hostile corpus."""
    return _posts() + _files() + _cli() + _libraries()


def command(case: Case, workdir: Path) -> list[str]:
    """The process to run for ``case``, its post written into ``workdir``."""
    if case.code is not None:
        return [sys.executable, "-c", case.code]
    post = workdir / f"post{case.suffix}"
    if case.post is not None:
        data = case.post.encode() if isinstance(case.post, str) else case.post
        post.write_bytes(data)
    elif not post.exists():
        post.write_text(_POST_WITH_A_FALSE_FORMULA)
    (workdir / "empty").mkdir(exist_ok=True)  # a folder with no post in it
    return [sys.executable, "-m", "glusym", *(a.replace("{file}", str(post)).replace("{dir}", str(workdir))
                                             for a in case.argv)]


@dataclass(frozen=True)
class Outcome:
    """How a case ran: its exit status, wall-clock seconds, largest resident memory and output."""

    case: Case
    status: int
    seconds: float
    memory: int
    stdout: str
    stderr: str
    killed: bool

    def problems(self) -> list[str]:
        """What broke the promise on this case (empty when it was kept)."""
        found = []
        if self.killed:
            found.append(f"no answer: killed after {self.seconds:.0f} s")
        if self.status not in self.case.exits:
            found.append(f"exit {self.status}, want one of {sorted(self.case.exits)}")
        if "Traceback" in self.stderr or "Traceback" in self.stdout:
            found.append("a traceback: " + self.stderr.strip().splitlines()[-1][:200])
        if self.seconds > self.case.limit:
            found.append(f"took {self.seconds:.1f} s, more than its budgets allow ({self.case.limit:.0f} s)")
        if self.memory > MEMORY_BYTES:
            found.append(f"used {self.memory / 2**20:.0f} MiB, more than {MEMORY_BYTES / 2**20:.0f} MiB")
        if self.case.says is not None and self.case.says.lower() not in (self.stdout + self.stderr).lower():
            found.append(f"does not say {self.case.says!r}: {(self.stderr or self.stdout).strip()[:200]!r}")
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        if self.status == 2 and self.case.code is None and not (lines and "error:" in lines[-1]):
            found.append(f"the error does not end in one line saying so: {lines[-1:]!r}")
        return found


def run(case: Case, workdir: Path) -> Outcome:
    """Run ``case`` in a fresh process, in its own process group, with the memory limit set (address
    space at four times :data:`MEMORY_BYTES`, so that what goes past it ends in a ``MemoryError``
    inside glusym, which must answer it) and killed at twice its time limit."""
    import resource
    import signal
    import subprocess
    import tempfile
    import threading
    import time

    def limits() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (4 * MEMORY_BYTES, 4 * MEMORY_BYTES))

    argv = command(case, workdir)
    root = str(Path(__file__).resolve().parent.parent)  # this checkout's glusym, installed or not
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": path}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=workdir, env=env,
                                preexec_fn=limits)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(2 * case.limit, kill)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        return Outcome(case, proc.returncode, seconds, usage.ru_maxrss * 1024,
                       out.read(200_000).decode(errors="replace"), err.read(200_000).decode(errors="replace"),
                       killed.is_set())


if __name__ == "__main__":
    for c in cases():
        print(f"{c.name:42} limit {c.limit:7.1f} s  exits {sorted(c.exits)}")
    print(f"{len(cases())} cases", file=sys.stderr)
    os._exit(0)
