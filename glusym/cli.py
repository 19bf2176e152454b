"""glusym: the mathematics of activation functions and gated linear units, derived exactly.

  glusym list                             every unit of the catalogue
  glusym derive swiglu                    the whole derivation of a unit
  glusym derive swish --set beta=2 --order 8 --format json
  glusym order --depth 1..4 relu swiglu   growth orders of stacked units
  glusym latex swiglu --part all          LaTeX snippets for a post (KaTeX-safe)
  glusym check POST.md                    verify every formula of a Markdown post
  glusym check NOTES.txt                  … of a plain text or a page saved from the web
  glusym claims                           the ledger of the two documents' claims
  glusym plot --list                      the figures of the two documents
  glusym plot --all -o DIR                every figure, as DIR/NAME.svg

`glusym` and `python -m glusym` are the same program. Global options: --version, -q/--quiet.

Exit status: 0 done, 1 a checked formula fails (or memory ran out), 2 bad usage or input (an
unknown unit, a bad parameter or budget, an unreadable file).

Limits: --budget is seconds, more than 0 and at most 86400; derive --order is 1 to 640, --depth 1 to
64 with order × depth at most 640. An expression too large to print (more than 2000 nodes or a
number of more than 1000 digits in the text report; 20000 nodes or 4000 digits in the JSON) is
named by its size instead; derive prints within one more --budget, and names what is left.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn

# Only light modules here: the arguments are parsed, and a usage error answered, before SymPy,
# NumPy or matplotlib is imported (the commands import them, in glusym.commands).
from . import __version__
from .bounds import MAX_DEPTH, MAX_NODES, MAX_ORDER, MAX_TERMS
from .budget import MAX_BUDGET, validate_budget
from .errors import GlusymError, shown

__all__ = ["main"]

#: The reports of glusym.commands that were importable from here before it was split off.
_FORWARDED = ("derivation_json", "derivation_text", "present")


def __getattr__(name: str) -> Any:
    if name in _FORWARDED:
        from . import commands

        return getattr(commands, name)
    raise AttributeError(f"module 'glusym.cli' has no attribute {name!r}")


# ---------------------------------------------------------------------------------------------
# colour: on a terminal only (https://no-color.org; FORCE_COLOR forces it)


def colour(stream: IO[str]) -> bool:
    """Whether to colour what is written to ``stream``: never when ``NO_COLOR`` is set (and not
    empty), always when ``FORCE_COLOR`` is, else when ``stream`` is a terminal (not TERM=dumb)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


_STYLES = {"error": "1;31", "warning": "33", "ok": "32"}


def paint(text: str, style: str, stream: IO[str]) -> str:
    """``text`` in ``style`` (error: bold red, warning: yellow, ok: green) where ``stream`` takes colour."""
    return f"\033[{_STYLES[style]}m{text}\033[0m" if colour(stream) else text


def _error_line(prog: str, message: str) -> str:
    return f"{paint(f'{prog}: error:', 'error', sys.stderr)} {message}"


# ---------------------------------------------------------------------------------------------
# the parser: usage errors named by the (sub)command they belong to, with close matches


def _close(word: str, candidates: Sequence[str]) -> str:
    """`` (did you mean X?)`` for the closest of ``candidates`` to ``word``, or ""."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]}?)" if match else ""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors say ``glusym SUBCOMMAND: error: …`` in colour on a terminal,
    suggest a close match for a mistyped choice (a subcommand, a --format), and exit 2."""

    #: The subcommands' parsers, by name (the top parser's; empty for a subcommand's).
    commands: dict[str, _Parser] = {}

    def error(self, message: str) -> NoReturn:
        m = re.match(r"argument (.+?): invalid choice: '(.*?)'", message)
        if m is not None:
            for action in self._actions:
                if action.choices is not None and argparse._get_action_name(action) == m.group(1):
                    message += _close(m.group(2), [str(c) for c in action.choices])
        self.print_usage(sys.stderr)
        self.exit(2, _error_line(self.prog, message) + "\n")

    def unrecognized(self, extras: Sequence[str]) -> NoReturn:
        """The error for arguments this parser does not know, with the option closest to the first."""
        options = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        first = extras[0].split("=", 1)[0]
        hint = ""
        if first.startswith("--"):  # --json for --format json: a choice written as an option
            word = first[2:]
            for action in self._actions:
                if action.choices is not None and action.option_strings and word in [str(c) for c in action.choices]:
                    hint = f" (did you mean {action.option_strings[-1]} {word}?)"
                    break
        if not hint and first.startswith("-"):
            hint = _close(first, options)
        self.error(f"unrecognized arguments: {' '.join(extras)}{hint}")


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The command ``name`` of glusym.commands, imported when it runs (after the parsing)."""

    def run(args: argparse.Namespace) -> int:
        from . import commands

        return int(getattr(commands, name)(args))

    run.__name__ = name
    return run


_cmd_list, _cmd_derive, _cmd_order = _command("_cmd_list"), _command("_cmd_derive"), _command("_cmd_order")
_cmd_latex, _cmd_claims, _cmd_plot = _command("_cmd_latex"), _command("_cmd_claims"), _command("_cmd_plot")


def _cmd_check(args: argparse.Namespace) -> int:
    from .check.command import run

    outcome = run(args.paths, args.format, args.budget, args.approx_tol, args.jobs, args.exclude,
                  fix=args.fix, diff=args.diff, quiet=bool(getattr(args, "quiet", False) or args.check_quiet),
                  approx_interval=args.approx_interval)
    sys.stdout.write(outcome.out)
    sys.stdout.flush()
    for note in outcome.notes:
        print(note, file=sys.stderr)
    return outcome.status



def _whole(text: str) -> int:
    """An argument that is a whole number (argparse's ``int`` would echo a 5000-digit argument)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {shown(text)}") from None


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {shown(text)}") from None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {shown(text)}") from None


def _parser() -> _Parser:
    p = _Parser(prog="glusym", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"glusym {__version__}")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print no progress lines (`wrote FILE`, the claims' closing counts): the command's "
                        "output, errors and the exit status only")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    p.commands = sub.choices  # filled by add_parser below
    ls = sub.add_parser("list", help="every unit of the catalogue: name, aliases, formula")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    ls.set_defaults(func=_cmd_list)
    dv = sub.add_parser("derive", help="the whole derivation of a unit")
    dv.add_argument("name", help="a unit of the catalogue (see `list`)")
    dv.add_argument("--order", type=_whole, default=6,
                    help=f"Taylor terms of degree < ORDER (default 6; 1 to {MAX_ORDER}, order × depth <= {MAX_TERMS})")
    dv.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                    help="set a parameter, e.g. --set beta=2 (repeatable)")
    dv.add_argument("--format", choices=("text", "json"), default="text")
    dv.add_argument("--budget", type=_seconds, default=5.0, metavar="SECONDS",
                    help=f"time budget of each section, and of the printing (default 5; more than 0, at most {MAX_BUDGET:g})")
    dv.add_argument("--depth", type=_whole, default=None, metavar="L",
                    help=f"derive the chain of L stacked layers instead (1 to {MAX_DEPTH}; order × depth <= {MAX_TERMS}; "
                         f"a stack whose nested expression passes {MAX_NODES:,} nodes has its Taylor series and "
                         "growth orders, its other sections are not derived)")
    dv.add_argument("--weights", action="store_true", help="with --depth: each layer has its own symbolic weights")
    dv.set_defaults(func=_cmd_derive)
    od = sub.add_parser("order", help="the depth × unit table of growth orders of stacked units")
    od.add_argument("names", nargs="+", metavar="NAME", help="units of the catalogue")
    od.add_argument("--depth", default="1..4", help="depths: N, A..B or A,B,C (default 1..4)")
    od.add_argument("--format", choices=("text", "json"), default="text")
    od.set_defaults(func=_cmd_order)
    cl = sub.add_parser("claims", help="the ledger of every mathematical claim of the two documents, with verdicts")
    cl.add_argument("--documents", default=None, metavar="DIR",
                    help="the folder of swiglu-intuition.md and geglu-geometry.txt (default: ../shared/seeds "
                         "of the current folder, else of the repository glusym runs from)")
    cl.add_argument("--table", default=None, metavar="DIR",
                    help="the package of declared claims (default: derivations/ledger of the repository)")
    cl.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    cl.add_argument("--budget", type=_seconds, default=5.0, metavar="SECONDS",
                    help=f"time budget of each formula link (default 5; more than 0, at most {MAX_BUDGET:g})")
    cl.set_defaults(func=_cmd_claims)
    lx = sub.add_parser("latex", help="LaTeX of a unit's derivation, in the post's notation (KaTeX-safe)")
    lx.add_argument("name", help="a unit of the catalogue (see `list`)")
    lx.add_argument("--part", choices=("definition", "gradient", "hessian", "taylor", "asymptotes", "limits", "all"),
                    default="definition")
    lx.add_argument("--order", type=_whole, default=6, help=f"Taylor terms of degree < ORDER (default 6; 1 to {MAX_ORDER})")
    lx.add_argument("--delimiters", choices=("kramdown", "dollar", "none"), default="kramdown",
                    help="kramdown: $$…$$ display and \\\\(…\\\\) inline, as the post writes them")
    lx.add_argument("--inline", action="store_true", help="inline delimiters instead of display")
    lx.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                    help="set a parameter, e.g. --set beta=2 (repeatable)")
    lx.add_argument("-o", "--output", metavar="DIR", help="write each part to DIR/NAME-PART.tex")
    lx.add_argument("--budget", type=_seconds, default=10.0, metavar="SECONDS",
                    help="time budget of each part (default 10; more than 0, at most "
                         f"{MAX_BUDGET:g}); a part past it is named on stderr, the exit status is 1")
    lx.set_defaults(func=_cmd_latex)
    ck = sub.add_parser("check", help="verify every formula of Markdown posts or plain texts (files, folders, globs)",
                        description="Verify every formula of files, each read by its suffix: .md, .markdown and .mdx "
                                    "as Markdown (kramdown or CommonMark with $ math); .txt and every other "
                                    "suffix as plain text, where formulas are $…$, $$…$$, \\(…\\), \\[…\\] "
                                    "or TeX found by its syntax (in a page saved from the web, the TeX source "
                                    "that follows each rendered copy). A folder stands for its .md, .markdown "
                                    "and .txt files (_site/, node_modules/, vendor/ and dot-folders skipped). "
                                    "Defaults may be set in pyproject.toml's [tool.glusym] or _config.yml's "
                                    "glusym: (budget, approx_tol, approx_interval, jobs, exclude), found from the working folder "
                                    "up; the command line overrides them.")
    ck.add_argument("paths", nargs="+", metavar="PATH",
                    help="a file (Markdown .md, .markdown, .mdx, or plain text), a folder, or a glob (quoted: "
                         "expanded here)")
    ck.add_argument("--format", choices=("text", "json", "github", "sarif", "junit"), default="text",
                    help="text (default), json, github (workflow commands: ::error for a failing link, ::warning "
                         "for an unparsed or unknown one), sarif (SARIF 2.1.0), junit (JUnit XML)")
    ck.add_argument("--budget", type=_seconds, default=None, metavar="SECONDS",
                    help=f"time budget of each link of a formula (default 5; more than 0, at most {MAX_BUDGET:g})")
    ck.add_argument("--approx-tol", type=_number, default=None, metavar="ERROR",
                    help="an approximation (\\approx, \\simeq) holds approximately when its largest absolute "
                         "error is at most ERROR (default 0.03)")
    ck.add_argument("--approx-interval", nargs=2, type=_number, default=None, metavar=("LOW", "HIGH"),
                    help="where an approximation is measured when its formula states no domain (default -6 6)")
    ck.add_argument("--jobs", "-j", type=_whole, default=None, metavar="N",
                    help="check N files at a time, in worker processes (default: the cores; 1: in this process); "
                         "the output is in the order of the paths whatever N")
    ck.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                    help="leave out the paths matching GLOB, relative to the working folder (repeatable; added "
                         "to the configuration's)")
    ck.add_argument("--fix", action="store_true",
                    help="write each failing link's suggestion into its file (the original kept as FILE.bak), "
                         "where the fixed formula holds when checked again and renders in KaTeX (node and "
                         "katex needed); a file with an unparsed link is left alone")
    ck.add_argument("--diff", action="store_true", help="show what --fix would change, as a unified diff")
    ck.add_argument("-q", "--quiet", dest="check_quiet", action="store_true",
                    help="only the links that fail, are unparsed or unknown, one line each (PATH:LINE:COL: ...); "
                         "nothing when every formula holds")
    ck.set_defaults(func=_cmd_check)
    pl = sub.add_parser("plot", help="a figure of the two documents (SVG by default; --list names them)")
    pl.add_argument("figure", nargs="?", help="a figure (see --list)")
    pl.add_argument("--list", action="store_true", help="name every figure, with one line on what it shows")
    pl.add_argument("--all", action="store_true",
                    help="write every figure, with its defaults, to -o DIR as DIR/FIGURE.svg (and the slider as "
                         "DIR/swish-beta.html); DIR is made if missing")
    pl.add_argument("-o", "--output", metavar="FILE",
                    help="FILE.svg, .png or .pdf (default FIGURE.svg); FILE.html: swish-beta's interactive slider; "
                         "with --all, a folder")
    pl.add_argument("--units", nargs="+", metavar="NAME", help="activations, depth-order, gradient-growth, order-raising: the units to draw")
    pl.add_argument("--beta", nargs="+", type=_number, metavar="B", help="swish-beta: the values of beta")
    pl.add_argument("--relu-units", type=_whole, metavar="N", help="square, ellipse: the number of ReLU units")
    pl.add_argument("--range", nargs=2, type=_number, metavar=("LOW", "HIGH"),
                    help="activations, swish-beta, square, gelu-derivative and the four order figures: the interval of x")
    pl.add_argument("--transparent", action="store_true", help="transparent background (for a blog)")
    pl.add_argument("--theme", choices=("auto", "light", "dark"), default="auto",
                    help="text and axes colours: light (dark text), dark (light text), or auto (default): an SVG "
                         "that follows the reader's prefers-color-scheme, inline or in <img>; PNG/PDF: light")
    pl.add_argument("--fragment", action="store_true",
                    help="with -o FILE.html: the slider alone, no <html>/<head>/<body>, to include in a post "
                         "(several on one page work)")
    pl.set_defaults(func=_cmd_plot)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args, extras = parser.parse_known_args(argv)
    if args.command is None:  # no subcommand: the top parser's error (what it does not know first)
        if extras:
            parser.unrecognized(extras)
        parser.error("the following arguments are required: COMMAND")
    if extras:  # an argument the subcommand does not know is its to report; one before it, the top's
        given = list(sys.argv[1:] if argv is None else argv)
        before = given.index(extras[0]) < given.index(args.command) if extras[0] in given else False
        (parser if before else parser.commands[args.command]).unrecognized(extras)
    try:
        return int(args.func(args))
    except GlusymError as exc:
        print(_error_line("glusym", str(exc)), file=sys.stderr)
        return 2
    except MemoryError:  # a result too large for memory: one line, never a traceback
        print(_error_line("glusym", "") + f"out of memory in `{args.command}` (an input or a result too large)", file=sys.stderr)
        return 1
    except RecursionError:
        print(_error_line("glusym", "") + f"`{args.command}` nested too deeply (an input or a result too large)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("glusym: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
