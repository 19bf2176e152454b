"""The interactive Swish_beta slider (`plot swish-beta -o FILE.html`) in a real, headless Chromium.

Debian's chromium is driven through playwright's Python package (its own browser download cannot
work here: the machine reaches package registries only). Where /usr/bin/chromium is missing, the
module installs it with apt-get first (root, as on CI's fresh machine), and fails, never skips, if
that does not work. The page is loaded from a file:// URL; the slider is moved by the keyboard and
by the mouse, and after each move the drawn curve is read back from the SVG path, mapped from
pixels to data with the mapping the SVG carries, and compared with glusym's Swish_beta (mpmath).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import pytest
from conftest import debian_program

import glusym
from glusym import plotting
from glusym.numeric import to_mpmath

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
P = "glusym-swish"


@pytest.fixture(scope="module")
def chromium() -> str:
    """/usr/bin/chromium, installed from Debian's packages when missing (about 25 s, more with apt-get update)."""
    debian_program("chromium", CHROMIUM)
    return str(CHROMIUM)


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def slider_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return plotting.write("swish-beta", tmp_path_factory.mktemp("html") / "slider.html", betas=[0, 0.5, 1, 2, 5])


class Page:
    """The loaded page, with everything it asked the network for and every error it raised."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 900, "height": 700})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.goto(path.as_uri())
        svg = self.page.locator(f"#{P}-svg")
        self.map = {k: float(svg.get_attribute(f"data-{k}") or "nan")
                    for k in ("xmin", "xmax", "ymin", "ymax", "left", "top", "width", "height")}
        self.slider = self.page.locator(f"#{P}-beta")

    def curve(self) -> np.ndarray:
        """The drawn curve, in data coordinates."""
        d = self.page.locator(f"#{P}-curve").get_attribute("d") or ""
        assert "NaN" not in d and "Infinity" not in d, d[:200]
        px = np.array([[float(a), float(b)] for a, b in re.findall(r"[ML]([-\d.]+),([-\d.]+)", d)])
        m = self.map
        return np.column_stack([m["xmin"] + (px[:, 0] - m["left"]) / m["width"] * (m["xmax"] - m["xmin"]),
                                m["ymax"] - (px[:, 1] - m["top"]) / m["height"] * (m["ymax"] - m["ymin"])])

    def beta(self) -> str:
        """The slider's value, after checking that the curve and the readout were redrawn for it."""
        value = self.slider.input_value()
        assert float(self.page.locator(f"#{P}-curve").get_attribute("data-beta") or "nan") == float(value)
        assert self.page.locator(f"#{P}-beta-value").inner_text() == f"{float(value):.2f}"
        return value

    def tolerance(self) -> float:
        """What 3 decimals of a pixel are worth in y (with room for the x rounding)."""
        return 0.005 * (self.map["ymax"] - self.map["ymin"]) / self.map["height"]


def assert_swish(curve: np.ndarray, beta: str, tol: float) -> None:
    f = (lambda t: t / 2) if float(beta) == 0 else to_mpmath(glusym.get("swish", beta=beta))  # beta -> 0+: x/2
    assert len(curve) == 401
    for x, y in curve[::16]:
        with mpmath.workdps(30):
            want = float(f(mpmath.mpf(float(x))))
        assert abs(y - want) <= tol, (beta, x, y, want)


def test_the_slider_moves_beta_and_redraws_swish(browser: Any, slider_file: Path) -> None:
    page = Page(browser, slider_file)
    tol = page.tolerance()
    assert page.beta() == "1"
    first = page.curve()
    assert_swish(first, "1", tol)
    # the keyboard: End takes beta to the top of the slider, 5
    page.slider.focus()
    page.page.keyboard.press("End")
    assert page.beta() == "5"
    at_five = page.curve()
    assert_swish(at_five, "5", tol)
    assert np.max(np.abs(at_five[:, 1] - first[:, 1])) > 0.2  # the curve really changed
    # arrows move it by one step of 0.01
    for _ in range(30):
        page.page.keyboard.press("ArrowLeft")
    assert page.beta() == "4.7"
    assert_swish(page.curve(), "4.7", tol)
    # Home: beta = 0, where the curve is the lower asymptote x/2
    page.page.keyboard.press("Home")
    assert page.beta() == "0"
    at_zero = page.curve()
    assert_swish(at_zero, "0", tol)
    assert np.allclose(at_zero[:, 1], at_zero[:, 0] / 2, rtol=0, atol=tol)
    # the mouse: a click a third of the way along the slider
    box = page.slider.bounding_box()
    assert box is not None
    page.page.mouse.click(box["x"] + box["width"] / 3, box["y"] + box["height"] / 2)
    beta = page.beta()
    assert 1.0 < float(beta) < 2.4, beta
    by_mouse = page.curve()
    assert_swish(by_mouse, beta, tol)
    # always between the two transparent asymptotes
    x, y = by_mouse[:, 0], by_mouse[:, 1]
    assert np.all(y >= np.minimum(x / 2, np.maximum(x, 0)) - tol) and np.all(y <= np.maximum(x / 2, np.maximum(x, 0)) + tol)
    # nothing was fetched but the file itself, and the page raised no error
    assert page.requests == [slider_file.as_uri()]
    assert page.errors == []
    page.page.close()


def test_the_asymptotes_drawn_are_the_limits(browser: Any, slider_file: Path) -> None:
    page = Page(browser, slider_file)
    tol = page.tolerance()
    for element, limit in (("asymptote-zero", lambda t: t / 2), ("asymptote-infinity", lambda t: max(t, 0.0))):
        loc = page.page.locator(f"#{P}-{element}")
        assert float(loc.get_attribute("stroke-opacity") or "1") < 0.5  # transparent
        d = loc.get_attribute("d") or ""
        px = np.array([[float(a), float(b)] for a, b in re.findall(r"[ML]([-\d.]+),([-\d.]+)", d)])
        m = page.map
        xs = m["xmin"] + (px[:, 0] - m["left"]) / m["width"] * (m["xmax"] - m["xmin"])
        ys = m["ymax"] - (px[:, 1] - m["top"]) / m["height"] * (m["ymax"] - m["ymin"])
        assert len(xs) == 401
        for x, y in zip(xs[::20], ys[::20]):
            assert abs(y - limit(x)) <= tol
    page.page.close()


def test_a_steep_beta_stays_finite_thanks_to_the_sign_split(browser: Any, tmp_path: Path) -> None:
    path = plotting.write("swish-beta", tmp_path / "steep.html", betas=[0, 1000])
    page = Page(browser, path)
    page.slider.focus()
    page.page.keyboard.press("End")
    assert page.beta() == "1000"
    curve = page.curve()  # exp(1000 x) overflows for x > 0.71: a naive e^t/(1+e^t) would draw NaN
    x, y = curve[:, 0], curve[:, 1]
    assert np.allclose(y, np.maximum(x, 0), rtol=0, atol=page.tolerance())  # ReLU, within a pixel's rounding
    assert_swish(curve, "1000", page.tolerance())
    assert page.errors == []
    page.page.close()
