"""Every figure of `plotting.FIGURES`, as a blog shows it: an SVG 720 px wide in headless Chromium.

For each figure of the registry (so that a figure added later is covered without a new line here)
the SVG is written in the ``auto`` theme and in the ``dark`` one, inlined in a page 720 px wide,
white, or #111 with ``prefers-color-scheme: dark`` emulated, and read back from the rendered DOM:
every ``<text>``/``<tspan>`` glyph run's box (getBoundingClientRect) and its size on the page
(computed font-size times the scale of its screen transform). The assertions: no text under
``plotting.MIN_TEXT_PX`` (11 px), no two texts overlapping (beyond 2 px), no text outside the
SVG's box, text contrast against the page of at least 3 (WCAG) in both themes, and every glyph in
DejaVu Sans with a sans-serif fallback (mathtext's own prime is a '0' of cmsy10, which a browser
lacks). A meta-test
builds bad figures (tiny text, two texts on each other, text off the edge, a fixed dark colour, a cmsy10 prime)
and checks each is caught.

Debian's chromium is driven through playwright's Python package, as in test_slider_browser.py;
where /usr/bin/chromium is missing, it is installed with apt-get, and the test fails, never skips,
if that does not work.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure

from glusym import plotting

WHITE, DARK = "#ffffff", "#111111"
OVERLAP_PX = 2.0  # glyph boxes of neighbouring lines may touch by this much
OUTSIDE_PX = 1.0
MIN_CONTRAST = 3.0
#: (theme the SVG is written in, the page's background, the emulated colour scheme)
CASES = (("auto", WHITE, "light"), ("auto", DARK, "dark"), ("dark", DARK, "dark"))

MEASURE = """
() => {
  const svg = document.querySelector('#figure svg');
  const box = svg.getBoundingClientRect();
  const out = [];
  for (const el of svg.querySelectorAll('text, tspan')) {
    if (el.querySelector('tspan') || !el.textContent.trim()) continue;  // the leaves: one run of glyphs
    let g = el.parentElement;  // the artist: the nearest group with an id (matplotlib's text_N or a gid)
    while (g && !(g.tagName === 'g' && g.id)) g = g.parentElement;
    const r = el.getBoundingClientRect();
    const m = el.getScreenCTM();
    const cs = getComputedStyle(el);
    out.push({artist: g ? g.id : '', text: el.textContent, left: r.left, top: r.top, right: r.right,
              bottom: r.bottom, px: parseFloat(cs.fontSize) * Math.hypot(m.a, m.b), fill: cs.fill,
              opacity: parseFloat(cs.fillOpacity) * parseFloat(cs.opacity), font: cs.fontFamily});
  }
  return {svg: {left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width}, texts: out};
}
"""


def page_html(svg: str, background: str) -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
            f"html, body {{ margin: 0; padding: 0; background: {background}; }}"
            "#figure { width: 720px; } #figure svg { display: block; width: 100%; height: auto; }"
            f"</style></head><body><div id='figure'>{svg}</div></body></html>")


def measure(browser: Any, svg_path: Path, background: str, scheme: str) -> dict[str, Any]:
    svg = svg_path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg"):]  # inline: drop the XML prologue and doctype
    page = browser.new_page(viewport={"width": 760, "height": 900}, color_scheme=scheme)
    try:
        page.set_content(page_html(svg, background))
        return page.evaluate(MEASURE)
    finally:
        page.close()


def _rgb(css: str) -> tuple[float, float, float, float]:
    m = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", css.strip())
    assert m is not None, css
    r, g, b, a = m.groups()
    return float(r) / 255, float(g) / 255, float(b) / 255, 1.0 if a is None else float(a)


def _luminance(rgb: tuple[float, ...]) -> float:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fill: str, opacity: float, background: str) -> float:
    """The WCAG contrast ratio of the text's colour (blended onto the page by its opacity) and the page."""
    r, g, b, a = _rgb(fill)
    bg = tuple(int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    alpha = a * opacity
    shown = tuple(alpha * c + (1 - alpha) * k for c, k in zip((r, g, b), bg))
    hi, lo = sorted((_luminance(shown), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def problems(measured: dict[str, Any], background: str) -> dict[str, list[str]]:
    """What a reader would see wrong: text too small, texts on each other, outside, too faint."""
    svg, texts = measured["svg"], measured["texts"]
    found: dict[str, list[str]] = {"small": [], "overlap": [], "outside": [], "contrast": [], "font": []}
    for t in texts:
        if not t["font"].startswith('"DejaVu Sans"') or "sans-serif" not in t["font"]:  # not cmsy10's '0' for a prime
            found["font"].append(f"{t['text']!r} of {t['artist']} in {t['font']}")
        if t["px"] < plotting.MIN_TEXT_PX - 1e-6:
            found["small"].append(f"{t['text']!r} of {t['artist']} is {t['px']:.2f} px")
        if (t["left"] < svg["left"] - OUTSIDE_PX or t["right"] > svg["right"] + OUTSIDE_PX
                or t["top"] < svg["top"] - OUTSIDE_PX or t["bottom"] > svg["bottom"] + OUTSIDE_PX):
            found["outside"].append(f"{t['text']!r} of {t['artist']} at {t['left']:.0f}..{t['right']:.0f}, "
                                    f"{t['top']:.0f}..{t['bottom']:.0f}")
        ratio = contrast(t["fill"], t["opacity"], background)
        if ratio < MIN_CONTRAST:
            found["contrast"].append(f"{t['text']!r} of {t['artist']}: {t['fill']} on {background}, {ratio:.2f}")
    boxes: dict[str, list[float]] = {}  # one box per artist: the glyph runs of one label may touch
    for t in texts:
        b = boxes.setdefault(t["artist"], [t["left"], t["top"], t["right"], t["bottom"]])
        b[:] = [min(b[0], t["left"]), min(b[1], t["top"]), max(b[2], t["right"]), max(b[3], t["bottom"])]
    names = sorted(boxes)
    for i, p in enumerate(names):
        for q in names[i + 1:]:
            a, b = boxes[p], boxes[q]
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > OVERLAP_PX and dy > OVERLAP_PX:
                found["overlap"].append(f"{p} and {q} overlap by {dx:.1f} x {dy:.1f} px")
    return found


@pytest.fixture(scope="module")
def svgs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every figure of the registry, written transparent (as for a blog) in the auto and dark themes."""
    d = tmp_path_factory.mktemp("figures")
    return {(name, theme): plotting.write(name, d / f"{name}-{theme}.svg", transparent=True, theme=theme)
            for name in plotting.FIGURES for theme in ("auto", "dark")}


@pytest.mark.parametrize("theme, background, scheme", CASES)
@pytest.mark.parametrize("name", list(plotting.FIGURES))
def test_every_figure_reads_at_720_px(name: str, theme: str, background: str, scheme: str, browser: Any,
                                      svgs: dict[tuple[str, str], Path]) -> None:
    measured = measure(browser, svgs[name, theme], background, scheme)
    assert measured["svg"]["width"] == pytest.approx(plotting.COLUMN_PX)
    texts = measured["texts"]
    assert len(texts) >= 10, (name, texts)  # ticks and labels are text, not paths
    found = problems(measured, background)
    assert found == {"small": [], "overlap": [], "outside": [], "contrast": [], "font": []}, (name, theme, background)


def test_the_auto_theme_follows_the_page(browser: Any, svgs: dict[tuple[str, str], Path]) -> None:
    light = measure(browser, svgs["activations", "auto"], WHITE, "light")["texts"]
    dark = measure(browser, svgs["activations", "auto"], DARK, "dark")["texts"]
    assert [t["text"] for t in light] == [t["text"] for t in dark]
    assert {t["fill"] for t in light} == {"rgb(31, 31, 31)"}  # THEMES["light"]["fg"]
    assert {t["fill"] for t in dark} == {"rgb(230, 230, 230)"}  # THEMES["dark"]["fg"]


def _bad_figure(kind: str) -> Figure:
    fig = Figure(figsize=(plotting.style.WIDTH_IN, 3.0), layout="constrained")
    ax = fig.add_subplot()
    ax.set(xlabel="x", ylabel="y", title="a title")
    if kind == "small":
        ax.text(0.5, 0.5, "tiny", fontsize=5)
    elif kind == "overlap":
        ax.text(0.4, 0.5, "one label", fontsize=12)
        ax.text(0.42, 0.5, "another", fontsize=12)
    elif kind == "outside":
        ax.text(1.25, 0.5, "off the edge", fontsize=12, transform=ax.transAxes)
    elif kind == "contrast":
        ax.text(0.5, 0.5, "fixed dark grey", fontsize=12, color="#333333")
    elif kind == "font":
        ax.text(0.5, 0.5, "$f'$", fontsize=12)  # mathtext's own prime: a glyph of cmsy10
    return fig


@pytest.mark.parametrize("kind", ["small", "overlap", "outside", "contrast", "font"])
def test_the_check_catches_a_bad_figure(kind: str, browser: Any, tmp_path: Path) -> None:
    with plotting.style._style():
        fig = _bad_figure(kind)
        good = plotting.save(_bad_figure("none"), tmp_path / "good.svg", transparent=True)
        bad = plotting.save(fig, tmp_path / "bad.svg", transparent=True)
    background, scheme = (DARK, "dark") if kind == "contrast" else (WHITE, "light")
    assert problems(measure(browser, good, background, scheme), background) == {
        "small": [], "overlap": [], "outside": [], "contrast": [], "font": []}
    found = problems(measure(browser, bad, background, scheme), background)
    assert found[kind], found
    assert all(not v for k, v in found.items() if k != kind), found


def test_svg_is_byte_identical_between_runs(tmp_path: Path) -> None:
    for name in plotting.FIGURES:
        for theme in ("auto", "dark"):
            a = plotting.write(name, tmp_path / f"a-{name}-{theme}.svg", theme=theme).read_bytes()
            b = plotting.write(name, tmp_path / f"b-{name}-{theme}.svg", theme=theme).read_bytes()
            assert a == b, (name, theme)
    # and in another process, with another hash seed
    out = tmp_path / "c.svg"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    r = subprocess.run([sys.executable, "-m", "glusym", "plot", "gate-comparison", "-o", str(out)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == (tmp_path / "a-gate-comparison-auto.svg").read_bytes()
