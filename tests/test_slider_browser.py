"""The interactive Swish_beta slider (`plot swish-beta -o FILE.html [--fragment]`) in a real, headless Chromium.

Debian's chromium is driven through playwright's Python package (its own browser download cannot
work here: the machine reaches package registries only). Where /usr/bin/chromium is missing, the
module installs it with apt-get first (root, as on CI's fresh machine), and fails, never skips, if
that does not work.

The fragment is included twice in a post-like page, light or dark (a dark background and the
`prefers-color-scheme: dark` emulation), at a desktop's and a phone's width. Each slider is moved by
the keyboard and by the mouse; after each move the drawn curve is read back from its SVG path and
mapped to data through the grid lines and the tick labels the reader sees (each label checked to
sit on its line), then compared with glusym's Swish_beta in mpmath, and with x/2 and ReLU at the
ends. Text size, contrast, ids, aria attributes, console errors and network requests are read
from the page.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import pytest
from conftest import debian_program

import glusym
from glusym import plotting
from glusym.cli import main
from glusym.numeric import to_mpmath
from glusym.plotting.slider import beta_stops

THEMES = {"light": ("#ffffff", "#1a1a1a"), "dark": ("#121212", "#e8e8e8")}
WIDTHS = (1280, 360)
STOPS = beta_stops()
#: How far the drawn polyline may be from the curve, in SVG user units (the plot is 600 x 400):
#: the simplification's 0.05 and the two decimals of the path data, with room for the fit.
TOL_UNITS = 0.08


@pytest.fixture(scope="module")
def fragment(tmp_path_factory: pytest.TempPathFactory) -> str:
    return plotting.write("swish-beta", tmp_path_factory.mktemp("html") / "swish.html", fragment=True).read_text("utf-8")


def post(directory: Path, fragment: str, theme: str, copies: int = 2) -> Path:
    """A post-like page that includes ``fragment`` ``copies`` times (as `{% include %}` would)."""
    bg, fg = THEMES[theme]
    body = "".join(f"<p>Paragraph {i} of the post.</p>\n{fragment}" for i in range(copies))
    page = directory / f"post-{theme}-{copies}.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>post</title>'
        f"<style>body {{ background: {bg}; color: {fg}; font: 17px/1.5 Georgia, serif; margin: 0 auto; "
        f"max-width: 46rem; padding: 1rem; }}</style></head>\n<body><h1>A post</h1>\n{body}</body></html>\n",
        encoding="utf-8")
    return page


class Page:
    """A loaded page, with everything it asked the network for and every error it raised."""

    def __init__(self, browser: Any, path: Path, width: int = 1280, theme: str = "light") -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=theme)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.goto(path.as_uri())
        self.uri = path.as_uri()

    def sliders(self) -> list[Slider]:
        return [Slider(self, i) for i in range(self.page.locator(".glusym-swish").count())]

    def duplicate_ids(self) -> list[str]:
        return self.page.evaluate("""() => {
            const ids = [...document.querySelectorAll("[id]")].map(e => e.id);
            return [...new Set(ids.filter((v, i) => ids.indexOf(v) !== i))];
        }""")

    def close(self) -> None:
        self.page.close()


class Slider:
    """One figure of the page: its slider, readout, and the curve it draws, read back as data."""

    def __init__(self, page: Page, index: int) -> None:
        self.page = page
        self.root = page.page.locator(".glusym-swish").nth(index)
        self.input = self.root.locator("input.gs-beta")
        self.readout = self.root.locator("output.gs-readout")
        self.curve_path = self.root.locator("path.gs-curve")

    def _fit(self, axis: str) -> tuple[float, float]:
        """data = a + b * user units, from the grid lines and the tick labels drawn beside them."""
        lines = self.root.locator(f"line.gs-g{axis}")
        labels = self.root.locator(f".gs-{axis}ticks span")
        n = lines.count()
        assert n >= 3 and labels.count() == n
        attr = "x1" if axis == "x" else "y1"
        user = np.array([float(lines.nth(i).get_attribute(attr) or "nan") for i in range(n)])
        values = np.array([float(labels.nth(i).inner_text().replace("\u2212", "-")) for i in range(n)])
        for i in range(n):  # each label sits on its line, on the screen
            line, label = lines.nth(i).bounding_box(), labels.nth(i).bounding_box()
            assert line is not None and label is not None
            if axis == "x":
                assert abs((label["x"] + label["width"] / 2) - line["x"]) <= 1.5, (i, label, line)
            else:
                assert abs((label["y"] + label["height"] / 2) - line["y"]) <= 1.5, (i, label, line)
        b, a = np.polyfit(user, values, 1)
        assert np.allclose(a + b * user, values, rtol=0, atol=0.006 * abs(b))  # the lines' two decimals
        return float(a), float(b)

    def drawn(self, element: str = "path.gs-curve") -> tuple[np.ndarray, float]:
        """The points of a path in data coordinates, and what TOL_UNITS is worth in y."""
        d = self.root.locator(element).get_attribute("d") or ""
        assert "NaN" not in d and "Infinity" not in d, d[:200]
        pts = np.array([[float(a), float(b)] for a, b in re.findall(r"[ML]([-\d.]+),([-\d.]+)", d)])
        (ax, bx), (ay, by) = self._fit("x"), self._fit("y")
        return np.column_stack([ax + bx * pts[:, 0], ay + by * pts[:, 1]]), abs(by) * TOL_UNITS

    def state(self) -> tuple[int, str, str]:
        """(the stop's index, data-beta, the readout), after checking that the readout, aria-valuetext
        and the SVG's aria-label agree."""
        index = int(self.input.input_value())
        text = self.readout.inner_text()
        assert self.input.get_attribute("aria-valuetext") == text
        assert (self.root.locator("svg.gs-svg").get_attribute("aria-label") or "").endswith("now " + text)
        return index, self.curve_path.get_attribute("data-beta") or "", text


def expected_text(beta: float) -> str:
    if beta == 0:
        return "β = 0 (x/2)"
    if math.isinf(beta):
        return "β = ∞ (ReLU)"
    return f"β = {beta:g}" + (" (SiLU)" if beta == 1 else "")


def reference(beta: float) -> list[Callable[[float], float]]:
    """glusym's Swish_beta in mpmath at 30 digits; at the ends, glusym's limit and the typed x/2 or ReLU."""
    at_zero, at_infinity = plotting.swish_limits()
    if beta == 0:
        f = to_mpmath(at_zero)
        return [lambda t: float(f(mpmath.mpf(t))), lambda t: t / 2]
    if math.isinf(beta):
        g = to_mpmath(at_infinity)
        return [lambda t: float(g(mpmath.mpf(t))), lambda t: max(t, 0.0)]
    h = to_mpmath(glusym.get("swish", beta=repr(beta)))
    return [lambda t: float(h(mpmath.mpf(t)))]


def assert_draws(slider: Slider, index: int) -> None:
    """The slider is at stop ``index``, says so, and draws Swish_beta there."""
    beta = STOPS[index]
    got, data_beta, text = slider.state()
    assert got == index
    assert data_beta == ("inf" if math.isinf(beta) else repr(beta))
    assert text == expected_text(beta)
    pts, tol = slider.drawn()
    assert np.all(np.diff(pts[:, 0]) > 0) and pts[0, 0] == pytest.approx(-4) and pts[-1, 0] == pytest.approx(4)
    probe = np.linspace(-4, 4, 161)
    drawn = np.interp(probe, pts[:, 0], pts[:, 1])  # the polyline as drawn, between its vertices too
    with mpmath.workdps(30):
        for f in reference(beta):
            want = np.array([f(float(t)) for t in probe])
            err = np.abs(drawn - want)
            assert err.max() <= tol, (beta, probe[err.argmax()], drawn[err.argmax()], want[err.argmax()])


def assert_untouched(slider: Slider, index: int) -> None:
    assert slider.state()[0] == index and slider.state()[1] == repr(STOPS[index])


# ---------------------------------------------------------------------------------------------
# In the browser: both widths, both themes, two copies of the fragment on one page


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_and_mouse_reach_zero_and_infinity_and_draw_swish(browser: Any, fragment: str, tmp_path: Path,
                                                                   width: int, theme: str) -> None:
    path = post(tmp_path, fragment, theme)
    page = Page(browser, path, width, theme)
    one, two = page.sliders()
    start = STOPS.index(1.0)
    assert_draws(one, start)
    assert_draws(two, start)
    # the keyboard: Home is beta = 0 (x/2), every arrow a stop, End is infinity (ReLU)
    one.input.focus()
    page.page.keyboard.press("Home")
    assert_draws(one, 0)
    for i in range(1, len(STOPS)):
        page.page.keyboard.press("ArrowRight")
        assert_draws(one, i)
    page.page.keyboard.press("End")
    assert_draws(one, len(STOPS) - 1)
    page.page.keyboard.press("ArrowLeft")
    assert_draws(one, len(STOPS) - 2)
    assert_untouched(two, start)  # the other copy did not move
    # the mouse on the second copy: the track's ends are 0 and infinity, its middle about beta = 1.6
    two.input.scroll_into_view_if_needed()
    box = two.input.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.page.mouse.click(box["x"] + 1, y)
    assert_draws(two, 0)
    page.page.mouse.click(box["x"] + box["width"] - 1, y)
    assert_draws(two, len(STOPS) - 1)
    page.page.mouse.click(box["x"] + box["width"] / 2, y)
    middle = two.state()[0]
    assert 0.5 <= STOPS[middle] <= 5, STOPS[middle]  # logarithmic: beta <= 2 is half the track
    assert_draws(two, middle)
    # a drag from the middle to past the left end
    page.page.mouse.move(box["x"] + box["width"] / 2, y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] - 40, y, steps=8)
    page.page.mouse.up()
    assert_draws(two, 0)
    assert one.state()[0] == len(STOPS) - 2  # and the first did not follow
    assert page.requests == [page.uri]
    assert page.errors == []
    page.close()


def _luminance(rgb: tuple[float, float, float]) -> float:
    c = [v / 255 for v in rgb]
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(v) for v in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(parts) in (3, 4), css
    return parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0


_TEXT = """(root) => {
    const out = [];
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || el.closest("script, style, title")) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        const s = getComputedStyle(el);
        let bg = null;
        for (let e = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") { bg = c; break; }
        }
        let opacity = 1;
        for (let e = el; e; e = e.parentElement) opacity *= +getComputedStyle(e).opacity;
        const vertical = s.writingMode.startsWith("vertical");  // then the line's height is across: the width
        out.push({text: n.textContent.trim(), size: parseFloat(s.fontSize),
                  height: vertical ? r.width : r.height, width: vertical ? r.height : r.width,
                  right: r.right, color: s.color, bg: bg, opacity: opacity, visibility: s.visibility});
    }
    return out;
}"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_text_is_legible_and_contrasted_and_lines_visible(browser: Any, fragment: str, tmp_path: Path,
                                                          width: int, theme: str) -> None:
    page = Page(browser, post(tmp_path, fragment, theme), width, theme)
    assert page.page.evaluate("document.documentElement.scrollWidth") <= width  # nothing runs off a phone
    bg = _rgb(page.page.evaluate("getComputedStyle(document.body).backgroundColor"))[:3]
    for slider in page.sliders():
        texts = slider.root.evaluate(_TEXT)
        assert len(texts) > 40  # ticks, labels, legend, scale, readout, caption
        for t in texts:
            assert t["size"] >= 11, t["text"]
            assert t["height"] >= 11 and t["width"] > 0 and t["visibility"] == "visible", (t["text"], t["height"])
            assert t["right"] <= width, t
            assert t["opacity"] == 1 and t["bg"] is not None, t
            fg = _rgb(t["color"])
            assert fg[3] == 1, t
            assert contrast(fg[:3], _rgb(t["bg"])[:3]) >= 4.5, t
        # the curve stands out as a graphic (3:1); the two bands are transparent by design (the curve
        # shows through them) but stay visible: 1.45:1 at least, the pale orange x/2 band on white
        for element, least in (("path.gs-curve", 3.0), ("path.gs-infinity", 1.45), ("path.gs-zero", 1.45)):
            style = slider.root.locator(element).evaluate(
                "e => { const s = getComputedStyle(e); return [s.stroke, s.strokeOpacity, s.strokeWidth]; }")
            stroke, alpha = _rgb(style[0])[:3], float(style[1])
            seen = tuple(alpha * s + (1 - alpha) * b for s, b in zip(stroke, bg))
            assert contrast(seen, bg) >= least, (theme, element, style, contrast(seen, bg))
            assert float(style[2].removesuffix("px")) >= 2.5
    assert page.errors == []
    page.close()


def test_ids_are_unique_and_aria_is_present_and_updated(browser: Any, fragment: str, tmp_path: Path) -> None:
    page = Page(browser, post(tmp_path, fragment, "light", copies=3))
    assert page.duplicate_ids() == []
    sliders = page.sliders()
    assert len(sliders) == 3
    for s in sliders:
        # the input has a <label>, controls the SVG of its own figure and is described by its caption
        assert s.input.evaluate("e => e.labels.length") == 1
        assert "β" in s.input.evaluate("e => e.labels[0].textContent")
        for attr, target in (("aria-controls", "svg.gs-svg"), ("aria-describedby", "figcaption")):
            ref = s.input.get_attribute(attr)
            assert ref and s.root.locator(target).get_attribute("id") == ref
            assert s.root.evaluate(f"(r) => document.getElementById({json.dumps(ref)}).closest('.glusym-swish') === r")
        assert s.readout.get_attribute("aria-live") == "polite"
        svg = s.root.locator("svg.gs-svg")
        assert svg.get_attribute("role") == "img"
        assert "Swish_β(x)" in svg.locator("title").text_content()  # type: ignore[operator]
        assert s.input.evaluate("e => e.type") == "range"
    # aria-valuetext follows the keyboard; focus is visible
    s = sliders[1]
    page.page.keyboard.press("Tab")
    for _ in range(10):
        if s.input.evaluate("e => e === document.activeElement"):
            break
        page.page.keyboard.press("Tab")
    assert s.input.evaluate("e => e === document.activeElement")
    outline = s.input.evaluate("e => { const c = getComputedStyle(e); return [c.outlineStyle, c.outlineWidth]; }")
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2, outline
    for key, text in (("Home", "β = 0 (x/2)"), ("End", "β = ∞ (ReLU)")):
        page.page.keyboard.press(key)
        assert s.input.get_attribute("aria-valuetext") == text and s.readout.inner_text() == text
    page.page.keyboard.press("Home")
    for _ in range(STOPS.index(0.5)):
        page.page.keyboard.press("ArrowRight")
    assert s.input.get_attribute("aria-valuetext") == "β = 0.5"
    assert sliders[0].state()[2] == sliders[2].state()[2] == "β = 1 (SiLU)"
    assert page.errors == [] and page.requests == [page.uri]
    page.close()


def test_the_checks_catch_a_fragment_with_fixed_ids(browser: Any, fragment: str, tmp_path: Path) -> None:
    """A broken variant, as the old page was: a fixed id and a script that looks it up globally."""
    find_own = 'var root = script && script.closest(".glusym-swish");'
    assert fragment.count(find_own) == 1 and fragment.count('<figure class="glusym-swish">') == 1
    broken = (fragment.replace(find_own, 'var root = document.getElementById("glusym-swish");')
              .replace('<figure class="glusym-swish">', '<figure class="glusym-swish" id="glusym-swish">'))
    page = Page(browser, post(tmp_path, broken, "light"))
    assert page.duplicate_ids() == ["glusym-swish"]
    one, two = page.sliders()
    two.input.focus()
    page.page.keyboard.press("End")
    with pytest.raises(AssertionError):  # the second copy's curve and readout never follow its slider
        assert_draws(two, len(STOPS) - 1)
    page.close()
    # and the real fragment passes the same steps
    page = Page(browser, post(tmp_path, fragment, "light"))
    assert page.duplicate_ids() == []
    two = page.sliders()[1]
    two.input.focus()
    page.page.keyboard.press("End")
    assert_draws(two, len(STOPS) - 1)
    page.close()


def test_the_bands_drawn_are_the_limits(browser: Any, fragment: str, tmp_path: Path) -> None:
    page = Page(browser, post(tmp_path, fragment, "dark", copies=1), 360, "dark")
    s = page.sliders()[0]
    for element, limit in (("path.gs-zero", lambda t: t / 2), ("path.gs-infinity", lambda t: max(t, 0.0))):
        pts, tol = s.drawn(element)
        probe = np.linspace(-4, 4, 161)
        drawn = np.interp(probe, pts[:, 0], pts[:, 1])
        assert np.abs(drawn - np.array([limit(t) for t in probe])).max() <= tol
    page.close()


def test_the_whole_page_works_alone(browser: Any, tmp_path: Path) -> None:
    path = plotting.write("swish-beta", tmp_path / "swish.html", betas=[0, 1, 100])
    text = path.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count('<figure class="glusym-swish">') == 1
    page = Page(browser, path)
    (s,) = page.sliders()
    stops = beta_stops([0, 1, 100])
    assert 100.0 in stops and stops.index(2.0) / (len(stops) - 1) > 0.4  # beta <= 2: not 2 % of the track
    s.input.focus()
    page.page.keyboard.press("End")
    assert s.state()[1:] == ("inf", "β = ∞ (ReLU)")
    page.page.keyboard.press("ArrowLeft")
    assert s.state()[1:] == ("100.0", "β = 100")
    assert page.errors == [] and page.requests == [page.uri]
    page.close()


def test_the_fragment_survives_kramdown_twice_in_a_post(browser: Any, fragment: str, tmp_path: Path) -> None:
    """What Jekyll makes of `{% include swish.html %}` twice in a post: Liquid pastes the file, kramdown
    (Debian's, Jekyll's renderer) re-serialises the HTML block; both sliders still work."""
    kramdown = debian_program("kramdown", Path("/usr/bin/kramdown"))
    md = tmp_path / "post.md"
    md.write_text(f"# A post\n\nSome *text*.\n\n{fragment}\nBetween, *emphasis*.\n\n{fragment}\nEnd.\n", encoding="utf-8")
    r = subprocess.run([kramdown, str(md)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stderr == "", r.stderr[-2000:]
    assert r.stdout.count('<figure class="glusym-swish">') == 2 and "<p><figure" not in r.stdout
    page_file = tmp_path / "post.html"
    page_file.write_text('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>post</title></head>'
                         f"<body>{r.stdout}</body></html>\n", encoding="utf-8")
    page = Page(browser, page_file, 360, "dark")
    one, two = page.sliders()
    two.input.focus()
    page.page.keyboard.press("End")
    assert_draws(two, len(STOPS) - 1)
    one.input.focus()
    page.page.keyboard.press("Home")
    assert_draws(one, 0)
    assert_draws(two, len(STOPS) - 1)
    assert page.duplicate_ids() == [] and page.errors == [] and page.requests == [page.uri]
    page.close()


# ---------------------------------------------------------------------------------------------
# The file itself


def test_the_fragment_is_an_include(fragment: str) -> None:
    low = fragment.lower()
    for tag in ("<!doctype", "<html", "<head", "<body", "<meta", "<link"):
        assert tag not in low
    assert fragment.startswith('<figure class="glusym-swish">') and fragment.rstrip().endswith("</figure>")
    assert re.search(r"\sid=", fragment) is None  # no fixed id: the script gives each copy its own
    assert "{{" not in fragment and "{%" not in fragment  # Liquid leaves an {% include %} as it is
    assert "\n\n" not in fragment  # kramdown keeps an HTML block whole only without blank lines
    assert re.findall(r"https?://[^\s\"']+", fragment) == ["http://www.w3.org/2000/svg"]
    (css,) = re.findall(r"<style>(.*?)</style>", fragment, re.S)
    assert "@media (prefers-color-scheme:dark){.glusym-swish{" in css and "currentColor" in css
    css = re.sub(r"@media[^{]*\{(.*?\})\s*\}", r"\1", css)
    selectors = re.findall(r"([^{}]+)\{[^{}]*\}", css)
    assert len(selectors) > 20
    for group in selectors:
        for sel in group.split(","):
            assert sel.strip().startswith(".glusym-swish"), sel
    scripts = re.findall(r"<script>(.*?)</script>", fragment, re.S)
    assert len(scripts) == 1 and "document.currentScript" in scripts[0]
    for formula in ("Math.", "exp", "sigm", "1 +", "1+"):  # the script computes nothing
        assert formula not in scripts[0]
    (data,) = re.findall(r'<script type="application/json" class="gs-data">(.*?)</script>', fragment, re.S)
    stops = json.loads(data)
    assert [s["beta"] for s in stops] == [("inf" if math.isinf(b) else repr(b)) for b in STOPS]
    assert [s["text"] for s in stops] == [expected_text(b) for b in STOPS]
    assert STOPS[0] == 0 and math.isinf(STOPS[-1]) and STOPS[1] == 0.05 and STOPS[-2] == 50
    logs = np.log10(STOPS[1:-1])
    assert np.allclose(np.diff(logs), 0.1, atol=0.015)  # evenly spaced in log beta, to two digits
    assert len(fragment.encode()) < 40_000
    # --theme light and dark: one palette, no media query (for a page whose theme is not the reader's)
    for theme, swish in (("light", plotting.COLOURS["swish"]), ("dark", "#3ddc97")):
        (css,) = re.findall(r"<style>(.*?)</style>", plotting.swish_beta_html(fragment=True, theme=theme), re.S)
        assert "@media" not in css and css.startswith(f".glusym-swish{{--glusym-swish:{swish};")


def test_cli_writes_the_fragment(tmp_path: Path, capsys: pytest.CaptureFixture[str], fragment: str) -> None:
    out = tmp_path / "swish.html"
    assert main(["plot", "swish-beta", "-o", str(out), "--fragment"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.read_text("utf-8") == fragment
    assert main(["plot", "swish-beta", "-o", str(tmp_path / "s.html")]) == 0
    page = (tmp_path / "s.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and fragment in page
    assert main(["plot", "swish-beta", "-o", str(out), "--fragment", "--theme", "dark"]) == 0
    assert "--glusym-swish:#3ddc97" in out.read_text("utf-8").split("}")[0]
    capsys.readouterr()
    assert main(["plot", "swish-beta", "-o", str(tmp_path / "s.svg"), "--fragment"]) == 2
    err = capsys.readouterr().err
    assert "a fragment (--fragment) is HTML" in err and err.count("\n") == 1
