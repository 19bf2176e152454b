"""The prose claims of the SwiGLU post (swiglu-intuition.md), in the order of the text (its
formulas are judged by glusym.check and need no declaration here). Each quote is an exact excerpt
of the Markdown source."""

from __future__ import annotations

from glusym.claims import POST, claim, sub

CLAIMS = (
    claim(POST, "empirically it was decided that", sub("glu_of", unit="swiglu", gate="silu"),
          about="SiLU was found empirically to be the best gate of a GLU (the presupposition: SwiGLU is the GLU of "
                "SiLU)",
          unchecked="an empirical result of training runs, not a mathematical claim",
          reference="Shazeer, GLU Variants Improve Transformer, arXiv 2002.05202"),
    claim(POST, "Key thing is depth = polynomial order?",
          *[sub("depth_is_order", unit=u) for u in ("relu", "relu2", "silu", "swiglu")],
          about="does a stack of L layers have polynomial order L?"),
)
