"""The claims of the GeGLU thread (geglu-geometry.txt), in the order of the text. Each quote is an
exact excerpt of the thread as saved (each formula appears twice there, rendered and as LaTeX, run
together: ``xgx_g``); ``about`` paraphrases a quote that is cryptic on its own. Every constant the
thread states is an argument of a sub-claim (0, 0.5 and 1; ≈ 1; [0, ∞); d_ff/2 as the fraction 1/2;
"cubic" as the degree 3), and every formula it states is passed as the SymPy expression it writes.

The gated reading: the thread writes GeGLU as x_g·Φ(x_g)·x_v, which is Φ(x_g)·(x_g·x_v), a GLU with
the gate Φ and a bilinear term (the post's own reading of SwiGLU); where "the gate" reads both as
Φ(x_g) and as the factor GELU(x_g) that multiplies x_v, both readings are declared.
"""

from __future__ import annotations

from sympy import Rational, oo

from glusym import Phi, x, x_g, x_v
from glusym.claims import THREAD, claim, sub

HALF = Rational(1, 2)  # d_ff/2, as the fraction of d_ff

#: The reading of "the gate" as Φ(x_g), the gate of the gated reading x_g·Φ(x_g)·x_v = Φ(x_g)·(x_g·x_v).
GATED = "the gated reading x_g·Φ(x_g)·x_v = Φ(x_g)·(x_g·x_v): the gate is Φ(x_g)"
#: The reading of "the gate" as the factor that multiplies x_v.
FACTOR = "the gate is the factor that multiplies x_v, GELU(x_g)"

CLAIMS = (
    # -- the thinking summary ------------------------------------------------------------------
    claim(THREAD, "It involves the product of a GELU-transformed gate and a linear value",
          sub("gated_unit_of", unit="geglu", gate="gelu"), sub("linear_in_value")),
    claim(THREAD, "In a scalar case, I can express it as f(a, b) = GELU(a) * b",
          sub("gated_unit_of", unit="geglu", gate="gelu")),
    claim(THREAD, "which helps visualize it in two dimensions", sub("input_count", count=2),
          about="the scalar form helps to picture GeGLU in two dimensions",
          unchecked="a matter of presentation (what helps a reader picture it); its presupposition is computed: "
                    "the scalar GeGLU has two inputs, so it is drawn over the (x_g, x_v) plane",
          reference="the figures geglu-surface and geglu-contours (glusym.plotting; derivations/README.md)"),
    claim(THREAD, "In terms of gradients, the gating creates an oblique hyperplane, smoothly transitioning between 0 "
                  "and 1",
          sub("sections_are_lines"), sub("graph_is_plane"), sub("gate_transition", low=0, high=1),
          sub("factor_bounds", low=0, high=1),
          about="over each gate value the graph is an oblique straight line; the whole graph a hyperplane; the gate "
                "runs smoothly from 0 to 1; so does the slope df/dx_v = GELU(x_g)"),
    claim(THREAD, "GEGLU behaves like a cubic on the negative side near zero",
          sub("cubic_near_zero", degree=3), sub("leading_degree", degree=3), sub("side_specific", side="negative"),
          about="near 0, GEGLU is a cubic polynomial plus higher-order terms; the cubic is what dominates; it is "
                "specific to the negative side"),
    claim(THREAD, "resulting in a geometric shape that's not entirely symmetrical",
          sub("symmetric_in", var="x_v", kind="odd"), sub("asymmetric_in", var="x_g", at=(1, 1)),
          about="GEGLU has a symmetry (odd in x_v) but not a full one (neither odd nor even in x_g)"),
    claim(THREAD, 'iso-lines, which resemble radial "sausages"', sub("closed_contours"),
          about='the level curves are closed "sausages" oriented along the value dimension'),
    # -- scalar form ---------------------------------------------------------------------------
    claim(THREAD, r"f_{\text{GeGLU}}(x_g, x_v)=\text{GELU}(x_g)\;\cdot\;x_v",
          sub("gated_unit_of", unit="geglu", gate="gelu"), about="f_GeGLU(x_g, x_v) = GELU(x_g)·x_v"),
    claim(THREAD, r"=x_g\,\Phi(x_g)\;x_v", sub("unit_is", unit="gelu", expr=x * Phi(x)),
          sub("unit_is", unit="geglu", expr=x_g * Phi(x_g) * x_v),
          about="GELU(x_g)·x_v = x_g Φ(x_g) x_v: GELU(x) = x Φ(x)"),
    # -- 1. domain & codomain ------------------------------------------------------------------
    claim(THREAD, "Domain: the 2-D plane", sub("input_count", count=2), sub("defined_everywhere")),
    claim(THREAD, "Codomain: the real line", sub("onto_reals", at=1),
          about="one neuron maps the plane into, and onto, R"),
    claim(THREAD, "-dimensional subspace spanned by the “value” projection.",
          sub("output_size", fraction=HALF), sub("output_in_value_span"), sub("value_span_dimension", fraction=HALF),
          about="Codomain, in the vector case: the d_ff/2-dimensional subspace spanned by the “value” projection"),
    claim(THREAD, "Geometrically we are mapping each point of the plane to a signed height above/below it.",
          sub("both_signs", above=(1, 1), below=(1, -1))),
    # -- 2. separating axes --------------------------------------------------------------------
    claim(THREAD, "-axis controls a smooth gate", sub("factor_depends_only_on_gate"), sub("geglu_smooth"),
          about="The x_g-axis controls a smooth gate"),
    claim(THREAD, "ranging continuously from 0 (far negative) through 0.5 (at the origin) toward 1 (large positive)",
          readings={GATED: [sub("gate_range", values=(0, 0.5, 1))],
                    FACTOR: [sub("factor_range", values=(0, 0.5, 1))]}),
    claim(THREAD, "-axis is passed through unchanged and merely gets scaled by that gate.",
          sub("linear_in_value"), sub("factor_depends_only_on_gate"),
          about="The x_v-axis is passed through unchanged and merely gets scaled by that gate"),
    claim(THREAD, "Thus the plane is foliated into vertical lines", sub("sections_are_lines"), sub("factor_positive"),
          about="the plane is foliated into vertical lines (constant x_g) that are uniformly compressed or expanded"),
    # -- 3. surface shape ----------------------------------------------------------------------
    claim(THREAD, "gives a saddle-like surface", sub("saddle_point"), sub("saddle_curvature")),
    claim(THREAD, "Flat along the entire", sub("zero_on_gate_axis"), sub("level_along_gate_axis"),
          about="Flat along the entire x_g axis at x_v = 0 (because the value is zero)"),
    claim(THREAD, "surface “fans out’’ in the", sub("linear_in_value"), sub("symmetric_in", var="x_v", kind="odd"),
          about="as |x_v| increases the surface “fans out’’ in the ±x_v direction"),
    claim(THREAD, "its amplitude is modulated by the bell-shaped factor",
          sub("amplitude_factor", factor=x_g * Phi(x_g)), sub("bell_shaped"),
          about="its amplitude is modulated by the bell-shaped factor x_gΦ(x_g)"),
    claim(THREAD, "For fixed xvx_v the cross-section is exactly the 1-D GELU curve scaled by",
          sub("section_fixed_value"), about="for fixed x_v the cross-section is exactly the 1-D GELU curve scaled by x_v"),
    claim(THREAD, "it is a straight line through the origin with slope", sub("sections_are_lines"),
          about="for fixed x_g it is a straight line through the origin with slope GELU(x_g)"),
    # -- 4. level sets -------------------------------------------------------------------------
    claim(THREAD, r"x_v = c / \text{GELU}(x_g) whenever", sub("level_set_is"),
          about="x_v = c / GELU(x_g) whenever GELU(x_g) ≠ 0"),
    claim(THREAD, "These are rational curves that resemble hyperbolas", sub("contours_rational"),
          sub("contours_hyperbola_like", side="positive"), sub("contours_hyperbola_like", side="negative")),
    claim(THREAD, "whose arms pinch smoothly toward the", sub("arms_pinch"),
          about="whose arms pinch smoothly toward the x_g < 0 region"),
    claim(THREAD, "region where the gate shrinks to zero",
          readings={GATED: [sub("factor_limit", side="-oo", value=0, of="gate"), sub("shrinks_monotonically", of="gate")],
                    FACTOR: [sub("factor_limit", side="-oo", value=0), sub("shrinks_monotonically")]},
          about="the x_g < 0 region where the gate shrinks to zero"),
    claim(THREAD, "No contour ever crosses the negative xgx_g axis because the output there is arbitrarily close to 0",
          sub("zero_on_gate_axis", side="negative"), sub("output_small_left", at=-1),
          about="no contour f = c ≠ 0 crosses the negative x_g axis; the reason: the output over x_g < 0 is near 0"),
    # -- 5. gradient field ---------------------------------------------------------------------
    claim(THREAD, r"\nabla f = \bigl(x_v\,\text{GELU}'(x_g),\; \text{GELU}(x_g)\bigr)", sub("gradient_is")),
    claim(THREAD, "Along the xvx_v direction gradients are constant w.r.t. xvx_v", sub("slope_constant_along_value")),
    claim(THREAD, "each vertical line has the same slope equal to", sub("slope_is_factor"),
          about="each vertical line has the same slope equal to GELU(x_g)"),
    claim(THREAD, "Gradients vanish as", sub("gradient_limit", side="-oo", value=0),
          about="Gradients vanish as x_g → −∞ (saturation)"),
    claim(THREAD, "peak around xg", sub("slope_peak_near", at=1), sub("gradient_peaks"),
          about="(gradients) peak around x_g ≈ 1"),
    claim(THREAD, "decay again for very large xgx_g due to the xgΦ(xg)x_g\\Phi(x_g) factor plateauing at xgx_g",
          sub("slope_falls_after_peak"), sub("gradient_limit", side="+oo", value=0),
          sub("asymptote_is", slope=1, intercept=0),
          about="(gradients) decay again for very large x_g due to the x_gΦ(x_g) factor plateauing at x_g"),
    # -- vectorised GeGLU ----------------------------------------------------------------------
    claim(THREAD, r"\text{GELU}(g)\ \otimes\ v",
          readings={"⊗ the element-wise product, as the GLU papers write it (arXiv 1612.08083, 2002.05202)":
                    [sub("elementwise_product")],
                    "⊗ the tensor (Kronecker) product": [sub("kronecker_product")]},
          about="y = GELU(g) ⊗ v"),
    claim(THREAD, "(Hadamard product.)", sub("elementwise_product")),
    claim(THREAD, "-dimensional affine subspace of the model’s representation space",
          sub("value_span_dimension", fraction=HALF), sub("values_in_model_space"),
          about="The value subspace spanned by columns of W_v forms a (d_ff/2)-dimensional affine subspace of the "
                "model’s representation space"),
    claim(THREAD, r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}", sub("factor_bounds", low=0, high=oo),
          about="The gate vector GELU(g) ∈ [0, ∞)^(d_ff/2)"),
    claim(THREAD, "acts as a smooth, element-wise scaling mask", sub("geglu_smooth"), sub("elementwise_product")),
    claim(THREAD, "compresses coordinates of that subspace toward the origin", sub("factor_bounds", low=0),
          sub("factor_bounds", high=1),
          about="each value coordinate is multiplied by a factor in [0, 1]: never flipped, never stretched"),
    claim(THREAD, "depending on how “positive’’ the companion coordinates", sub("elementwise_product"),
          sub("compression_monotone"),
          about="coordinate j is compressed according to how positive g_j is: the more positive, the less"),
    claim(THREAD, "is a warped, axis-aligned “cone’’ inside that subspace whose opening width varies smoothly with",
          sub("reachable_is_cone"), sub("reachable_in_value_span"),
          about="the reachable set of y is a warped, axis-aligned “cone” inside that subspace"),
    claim(THREAD, "No new directions are introduced; directions are re-weighted.",
          readings={"coordinate-wise, right after 'axis-aligned': each coordinate axis re-weighted on its own":
                    [sub("elementwise_product")],
                    "of the vector: y keeps the direction of v": [sub("output_keeps_direction")]}),
    # -- comparisons & intuition ---------------------------------------------------------------
    claim(THREAD, "ReLU gate: sharp half-space clipping", sub("clips_half_plane", unit="reglu"),
          sub("crease", unit="reglu")),
    claim(THREAD, "output lies on two flat half-cones separated by a hard plane",
          sub("flat_half_cone", side="negative"), sub("flat_half_cone", side="positive"), sub("crease", unit="reglu"),
          about="ReGLU's graph: two flat half-cones separated by a hard plane x_g = 0"),
    claim(THREAD, "replaces that plane by a sigmoidal transition band", sub("step_smoothed", band=2)),
    claim(THREAD, "bending the cone walls smoothly", sub("geglu_smooth"), sub("gaussian_curvature_at", at=(0, 0)),
          about="the GELU gate bends the surface (nonzero curvature) smoothly where ReGLU has a crease"),
    claim(THREAD, "The resulting surface is everywhere differentiable", sub("geglu_smooth")),
    claim(THREAD, "giving GeGLU its smoother optimization landscape", sub("geglu_smooth"), sub("crease", unit="reglu"),
          unchecked="an empirical claim about training (how an optimiser fares), not a property computed here; its "
                    "presuppositions are: GEGLU is smooth, ReGLU has a crease",
          reference="Shazeer, GLU Variants Improve Transformer, arXiv 2002.05202 (GEGLU and ReGLU trained side by side)"),
    claim(THREAD, "while still preserving a gating geometry", sub("factor_depends_only_on_gate"),
          sub("factor_limit", side="-oo", value=0),
          about="GEGLU is still the value times a factor of the gate alone, which shuts it off far negative"),
    claim(THREAD, "outputs shrink continuously to zero as any gate coordinate drifts negative",
          sub("factor_limit", side="-oo", value=0), sub("geglu_smooth"), sub("shrinks_monotonically")),
    # -- bottom line ---------------------------------------------------------------------------
    claim(THREAD, "GeGLU carves the (g,v)(g,v) plane into smoothly-gated linear pencils", sub("sections_are_lines"),
          sub("geglu_smooth")),
    claim(THREAD, "each “value’’ axis is a straight line", sub("sections_are_lines")),
    claim(THREAD, "amplitude envelope is the soft bell curve of the GELU applied to its paired",
          sub("slope_is_factor"), sub("bell_shaped"),
          about="(each value axis's) amplitude envelope is the soft bell curve of the GELU applied to its paired "
                "gate axis"),
    claim(THREAD, "In higher dimension, this becomes an axis-aligned, differentiable gating cone embedded in the FFN’s "
                  "hidden space.",
          sub("elementwise_product"), sub("geglu_smooth"), sub("output_size", fraction=HALF), sub("reachable_is_cone")),
)
