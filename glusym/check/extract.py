"""Extraction: the formulas of a Markdown post, with their lines, read as a renderer reads the post."""

from __future__ import annotations

import re
from typing import Any


def _kramdown_inline(state: Any, silent: bool) -> bool:
    r"""kramdown's inline math ``\\(…\\)``: in the Markdown source, two backslashes and a paren."""
    src, pos = state.src, state.pos
    if not src.startswith("\\\\(", pos):
        return False
    end = src.find("\\\\)", pos + 3)
    if end < 0:
        return False
    if not silent:
        tok = state.push("math_inline_kramdown", "math", 0)
        tok.content = src[pos + 3:end]
        tok.markup = "\\\\("
        tok.meta = {"offset": src.count("\n", 0, pos)}
    state.pos = end + 3
    return True


def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(dollarmath_plugin, double_inline=True)
    md.inline.ruler.before("escape", "math_inline_kramdown", _kramdown_inline)
    return md


def extract_formulas(text: str) -> list[tuple[int, str, bool]]:
    r"""Every formula of a Markdown text: ``(line, latex, display)``, line 1-based.

    >>> extract_formulas("---\ntitle: t\n---\nSee \\\\(x^2\\\\) and\n\n$$a = b$$\n\n```\n$$c$$\n```\n")
    [(4, 'x^2', False), (6, 'a = b', True)]
    """
    tokens = _markdown().parse(text)
    out: list[tuple[int, str, bool]] = []
    in_mermaid = False
    for tok in tokens:
        if tok.type == "html_block":
            low = tok.content.lower()
            if re.search(r"<div[^>]*class=[\"'][^\"']*mermaid", low) and "</div>" not in low:
                in_mermaid = True
            elif in_mermaid and "</div>" in low:
                in_mermaid = False
            continue
        if in_mermaid:
            continue
        if tok.type in ("math_block", "math_block_label"):
            out.append((tok.map[0] + 1, tok.content.strip(), True))
        elif tok.type == "inline" and tok.children:
            base = tok.map[0] + 1 if tok.map else 0
            cursor = 0
            for child in tok.children:
                if child.type == "math_inline_kramdown":
                    out.append((base + child.meta["offset"], child.content.strip(), False))
                    cursor = max(cursor, tok.content.find(child.content, cursor))
                elif child.type in ("math_inline", "math_inline_double"):
                    at = tok.content.find(child.content, cursor)
                    offset = tok.content.count("\n", 0, at) if at >= 0 else 0
                    cursor = at + 1 if at >= 0 else cursor
                    out.append((base + offset, child.content.strip(), child.type == "math_inline_double"))
    return out
