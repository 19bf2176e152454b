"""The claims of the GeGLU thread (geglu-geometry.txt), in the order of the text. Each quote is an
exact excerpt of the thread as saved (each formula appears twice there, rendered and as LaTeX, run
together: ``xgx_g``); ``about`` paraphrases a quote that is cryptic on its own."""

from __future__ import annotations

from glusym.claims import THREAD, claim, sub

CLAIMS = (
    claim(THREAD, r"=x_g\,\Phi(x_g)\;x_v", sub("geglu_is"),
          about="f_GeGLU(x_g, x_v) = GELU(x_g)·x_v = x_g Φ(x_g) x_v"),
    claim(THREAD, "ranging continuously from 0 (far negative) through 0.5 (at the origin) toward 1 (large positive)",
          readings={"the gated reading x_g·Φ(x_g)·x_v = Φ(x_g)·(x_g·x_v): the gate is Φ(x_g)":
                    [sub("gate_range", values=(0, 0.5, 1))],
                    "the gate is the factor that multiplies x_v, GELU(x_g)":
                    [sub("factor_range", values=(0, 0.5, 1))]}),
    claim(THREAD, "GEGLU behaves like a cubic on the negative side near zero", sub("remainder_order", shown=3, order=3)),
    claim(THREAD, r"\nabla f = \bigl(x_v\,\text{GELU}'(x_g),\; \text{GELU}(x_g)\bigr)", sub("gradient_is")),
)
