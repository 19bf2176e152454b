"""The prose claims of the SwiGLU post (swiglu-intuition.md), in the order of the text (its
formulas are judged by glusym.check and need no declaration here). Each quote is an exact excerpt
of the Markdown source; every constant the post states is an argument of a sub-claim.

Passages that state nothing checkable get no row: the figure caption, the draft note "Towards
biological neuron expression (integrators? dynamical systems? …)", which names a direction to
explore, and the blockquote, whose source is the claim "lifted verbatim from the SwiGLU paper".
"""

from __future__ import annotations

from sympy import Rational

from glusym.claims import POST, claim, sub

# ---------------------------------------------------------------------------------------------
# the post's Mermaid diagram of the XOR network, transcribed as data

#: The nodes the diagram defines (``x[x]``, ``y[y]``, ``b1[1]``, ``h1[…]``, ``h2[…]``, ``z[…]``).
NODES = ("x", "y", "b1", "h1", "h2", "z")
#: Its constant node: ``b1[1]``.
CONSTANTS = (("b1", 1),)
#: Its weighted edges ``source -->|weight| target``.
EDGES = (("x", 1, "h1"), ("y", 1, "h1"), ("x", 1, "h2"), ("y", 1, "h2"), ("b1", -1, "h2"),
         ("h1", 1, "z"), ("h2", -2, "z"))
#: The nodes drawn with ``[·]<sub>+</sub>``, the positive part: the hidden neurons.
RECTIFIED = ("h1", "h2")
NET = {"edges": EDGES, "constants": CONSTANTS, "rectified": RECTIFIED}

#: The units of the SwiGLU paper's table (arXiv 2002.05202): each gated unit and its gate.
GLU_VARIANTS = (("glu", "sigmoid"), ("bilinear", "identity"), ("reglu", "relu"), ("geglu", "gelu"),
                ("swiglu", "swish"))
#: One neuron's weights and inputs for "doesn't learn": (1, 2, −1) is inactive (x·w_i = −2),
#: (0, 0, 1) active (x·w_i = 1).
W_I = (-1, 0, 1)
INACTIVE = ((1, 2, -1),)
BATCH = ((1, 2, -1), (0, 0, 1))

CLAIMS = (
    # -- activation functions ---------------------------------------------------------------
    claim(POST, "Activation functions allow neural networks to express non-linear relationships.",
          sub("linear_without_activation", depth=3), sub("not_affine", output="z", **NET)),
    claim(POST, "At a minimum, they must be non-linear and differentiable",
          readings={"differentiable at every x": [
                        sub("nonlinear", unit="sigmoid"), sub("differentiable_everywhere", unit="sigmoid"),
                        sub("nonlinear", unit="relu"), sub("differentiable_everywhere", unit="relu")],
                    "differentiable except at isolated points (where a convention is taken)": [
                        sub("nonlinear", unit="sigmoid"), sub("differentiable_except_isolated", unit="sigmoid"),
                        sub("nonlinear", unit="relu"), sub("differentiable_except_isolated", unit="relu")]},
          about="every activation must be non-linear and differentiable: the sigmoid, given as the example, and "
                "ReLU, introduced next"),
    claim(POST, "which has the benefit of being easily calculated if we already know",
          sub("derivative_in_forward_value", unit="sigmoid"),
          about="σ′ is easily calculated once σ(x) is known from the forward pass"),
    claim(POST, "Over time, this evolved into the simpler",
          sub("simpler_than", unit="relu", other="sigmoid"),
          about="the sigmoid was succeeded by the simpler ReLU (the presupposition: ReLU and ReLU′ need no "
                "exponential)",
          unchecked="a history of practice, and 'simpler' a judgement; what it presupposes is computed",
          reference="Nair & Hinton, ICML 2010 (rectified linear units); Glorot, Bordes & Bengio, AISTATS 2011"),
    claim(POST, "These non-linearities often manifest themselves as sparse encodings within an MLP",
          sub("zero_on_half_line", unit="relu"),
          about="in trained MLPs most neurons are often inactive (the presupposition: ReLU's zeros are exact)",
          unchecked="an empirical observation about trained networks",
          reference="Li et al., The Lazy Neuron Phenomenon, arXiv 2210.06313"),
    claim(POST, 'each neuron "activates" based on the presence of a linearly identifiable feature in the input',
          sub("projection_feature", unit="relu"), sub("active_when", unit="relu", threshold=0)),
    claim(POST, "uses the magnitude of activation to scale its output vector", sub("output_scaled", unit="relu")),
    claim(POST, r"if \\(\mathbf{x} \cdot \mathbf{w_i} > 0\\), then the neuron is activated",
          sub("active_when", unit="relu", threshold=0)),
    claim(POST, "Otherwise, the neuron is inactivated.", sub("inactive_otherwise", unit="relu", threshold=0),
          about="for α = ReLU, the neuron is inactive when x·w_i <= 0"),
    # -- the XOR network and its diagram ----------------------------------------------------
    claim(POST, "We can see this at work in a 2-neuron XOR gate.",
          sub("xor_gate", output="z", **NET), sub("hidden_count", rectified=RECTIFIED, count=2)),
    claim(POST, 'h1["h₁ = [x+y]<sub>+</sub>"]',
          sub("node_label", node="h1", label=(("x", 1), ("y", 1)), edges=EDGES, constants=CONSTANTS),
          sub("positive_part", unit="relu"),
          about="the diagram's node h₁ = [x+y]₊ = ReLU(x + y), fed by its edges x -->|1| h1, y -->|1| h1"),
    claim(POST, 'h2["h₂ = [x+y-1]<sub>+</sub>"]',
          sub("node_label", node="h2", label=(("x", 1), ("y", 1), ("1", -1)), edges=EDGES, constants=CONSTANTS),
          sub("positive_part", unit="relu"),
          about="the diagram's node h₂ = [x+y−1]₊, fed by x -->|1| h2, y -->|1| h2, b1 -->|-1| h2 (b1 = 1)"),
    claim(POST, 'z["z = h₁-2h₂"]',
          sub("node_label", node="z", label=(("h1", 1), ("h2", -2)), edges=EDGES, constants=CONSTANTS),
          about="the diagram's output z = h₁ − 2h₂, fed by h1 -->|1| z, h2 -->|-2| z"),
    claim(POST, "class b1,b2 bias",
          sub("bias_node", node="b1", nodes=NODES, constants=CONSTANTS, edges=EDGES),
          sub("bias_node", node="b2", nodes=NODES, constants=CONSTANTS, edges=EDGES),
          about="the diagram's last line styles b1 and b2 as bias nodes"),
    claim(POST, "The first neuron identifies x OR y, the second x AND y",
          sub("active_on", node="h1", logic="or", **NET), sub("active_on", node="h2", logic="and", **NET)),
    claim(POST, r"the output \\(z=1\\) iff the first neuron is active and the second inactive",
          sub("output_iff", value=1, first="h1", second="h2", output="z", **NET)),
    # -- sparsity and its price -------------------------------------------------------------
    claim(POST, "The sparsity introduced by the flat left tail of ReLU", sub("flat_left_tail", unit="relu")),
    claim(POST, "is really nice for reverse engineering neural nets", sub("zero_on_half_line", unit="relu"),
          about="ReLU's exact zeros let features be associated with individual neurons being on or off",
          unchecked="a claim about interpretability practice",
          reference="Li et al., Emergent World Representations (OthelloGPT), arXiv 2210.13382"),
    claim(POST, "when a neuron is inactive, it has no gradient",
          sub("no_gradient_inactive", unit="relu", threshold=0)),
    claim(POST, "and thus doesn't learn",
          readings={"no update from the inputs on which it is inactive": [
                        sub("no_update", unit="relu", w_i=W_I, inputs=INACTIVE)],
                    "it does not learn at all": [sub("no_update", unit="relu", w_i=W_I, inputs=BATCH)]},
          about="an inactive neuron does not learn"),
    claim(POST, '"leaky" variants of ReLU have been proposed', sub("gradient_left", unit="leaky_relu"),
          unchecked="a citation of the literature",
          reference="Maas, Hannun & Ng, ICML 2013 workshop (leaky ReLU); He et al., arXiv 1502.01852 (PReLU)"),
    claim(POST, r"a small gradient exists for \\(x<0\\)",
          sub("gradient_left", unit="leaky_relu", below=0), sub("gradient_nonzero_left", unit="silu", below=0),
          sub("gradient_persists_left", unit="silu"),
          about="leaky variants keep a small gradient for x < 0; Swish (SiLU) is given as the example"),
    claim(POST, "interpolates between",
          sub("swish_limit_zero", slope=Rational(1, 2)), sub("swish_limit_infinity", unit="relu"),
          sub("swish_monotone_in_beta"),
          about="Swish_β interpolates between Swish_0(x) = x/2 and Swish_∞(x) = ReLU(x)"),
    claim(POST, "commonly used", sub("same_unit", a="silu", b="swish", beta=1),
          about="SiLU = Swish_1 is commonly used (the presupposition: SiLU is Swish_1)",
          unchecked="a claim about practice",
          reference="torch.nn.SiLU, jax.nn.silu; Llama, arXiv 2302.13971 (SwiGLU)"),
    claim(POST, "[interactive beta slider with transparent asymptotes]",
          readings={"the asymptotes in x of each Swish_β": [
                        sub("swish_asymptotes", betas=(Rational(1, 2), 1, 4), left=0, slope=1)],
                    "the curves Swish_β tends to as β -> 0 and β -> ∞": [
                        sub("swish_limit_zero", slope=Rational(1, 2)), sub("swish_limit_infinity", unit="relu")]},
          about="a figure to make: Swish_β over a slider for β, its asymptotes drawn transparent"),
    claim(POST, 'representing how "switched on" a neuron is', sub("monotone", unit="relu"),
          about="(a comment in the source) α represents how switched on a neuron is",
          unchecked="an interpretability intuition",
          reference="Elhage et al., Toy Models of Superposition, arXiv 2209.10652"),
    claim(POST, "a neuron can actually represent multiple features at once",
          sub("active_on_features", unit="relu", w=(1, 1), features=((1, 0), (0, 1))),
          about="(a comment in the source) one neuron can respond to several features"),
    # -- GLUs --------------------------------------------------------------------------------
    claim(POST, "As compute availability and task complexity increased, so did the desire for more expressive "
                "neurons.",
          sub("pure_product", unit="swiglu"), sub("single_neuron_rank_one", units=("silu", "gelu"), w=(2, -3)),
          about="the presupposition: a gated neuron expresses more than an activation neuron (a product term)",
          unchecked="a history of the field",
          reference="Dauphin et al., arXiv 1612.08083; Shazeer, arXiv 2002.05202"),
    claim(POST, "GLUs (https://arxiv.org/pdf/1612.08083) introduced", sub("glu_of", unit="glu", gate="sigmoid"),
          about="GLUs were introduced in arXiv 1612.08083 (the presupposition: its GLU is x_v·σ(x_g))",
          unchecked="a citation", reference="Dauphin et al., Language Modeling with Gated Convolutional Networks, "
                                            "arXiv 1612.08083"),
    claim(POST, "factorising the feed-forward function into two separable components: an information and a gating "
                "variable",
          sub("separable", units=("glu", "bilinear", "reglu", "geglu", "swiglu"))),
    claim(POST, r"Several candidate \\(\alpha\\) functions were trialled", sub("gated_family", pairs=GLU_VARIANTS),
          about="the SwiGLU paper trialled several gates α (the presupposition: its variants are GLUs of σ, the "
                "identity, ReLU, GELU and Swish)",
          unchecked="a citation", reference="Shazeer, GLU Variants Improve Transformer, arXiv 2002.05202, Table 1"),
    claim(POST, "empirically it was decided that", sub("glu_of", unit="swiglu", gate="silu"),
          about="SiLU was found empirically to be the best gate of a GLU (the presupposition: SwiGLU is the GLU of "
                "SiLU)",
          unchecked="an empirical result of training runs, not a mathematical claim",
          reference="Shazeer, GLU Variants Improve Transformer, arXiv 2002.05202 (look up which variant its Table 1 "
                    "ranks first)"),
    claim(POST, "which led to the widespread adoption", sub("glu_of", unit="swiglu", gate="silu"),
          about="SwiGLU was widely adopted (the presupposition: SwiGLU is the GLU of SiLU)",
          unchecked="a claim about practice",
          reference="PaLM, arXiv 2204.02311; Llama, arXiv 2302.13971"),
    claim(POST, "the so-called corresponding SwiGLU (Swish + GLU) activation",
          sub("glu_of", unit="swiglu", gate="swish"), sub("glu_of", unit="swiglu", gate="silu")),
    claim(POST, "I feel that this naming leads to a lack of intuition", sub("glu_of", unit="swiglu", gate="swish"),
          about="the name (Swish + GLU) hides why SwiGLU works (the presupposition: the name describes it)",
          unchecked="a matter of taste",
          reference="the post's own argument, the next sentence"),
    claim(POST, "lifted verbatim from the SwiGLU paper", sub("glu_of", unit="swiglu", gate="swish"),
          about="the leading quote, 'We attribute their success, as all else, to divine benevolence', is from the "
                "SwiGLU paper (the presupposition: that paper's SwiGLU is x_v·Swish(x_g))",
          unchecked="a citation",
          reference="Shazeer, GLU Variants Improve Transformer, arXiv 2002.05202, Conclusions"),
    claim(POST, r"Rather than SwiGLU being a GLU with \\(\alpha = \text{SiLU}\\)", sub("glu_of", unit="swiglu",
                                                                                     gate="silu"),
          about="the usual reading, SwiGLU = x_v·SiLU(x_g), which the post sets aside"),
    claim(POST, r"I see it as a GLU with \\(\alpha = \sigma\\) and a bilinear information term",
          sub("sigma_gated_bilinear", unit="swiglu", gate="sigmoid", info="bilinear")),
    claim(POST, "the bilinear term allows for multiplication between input variables",
          sub("pure_product", unit="swiglu"), sub("two_units_product", unit="swiglu"),
          sub("single_neuron_rank_one", units=("silu", "gelu"), w=(2, -3))),
    claim(POST, "[1d x^2 relu vs swiglu]",
          sub("square_from_two", unit="swiglu", power=2), sub("square_from_two", unit="relu2", power=2),
          sub("piecewise_linear", unit="relu"), sub("best_uniform_error", unit="relu", pieces=(4, 8, 16)),
          about="a figure to make: x² from SwiGLU units against ReLU units"),
    claim(POST, "[2d ellipse]", sub("ellipse_level_set", unit="swiglu", matrix=((3, 1), (1, 1))),
          about="a figure to make: an ellipse from SwiGLU units"),
    # -- polynomial order: the draft notes -----------------------------------------------------
    claim(POST, "One thing we must be cautious about is gradient instability due to higher-order terms.",
          sub("gradient_order", units=("relu", "silu"), order=0),
          sub("gradient_order", units=("relu2", "bilinear", "reglu", "swiglu"), order=1),
          sub("stacked_gradient_order", unit="swiglu", depths=(1, 2, 3))),
    claim(POST, "Polynomial order, ReLU^2 (https://arxiv.org/pdf/2402.03804) discussion",
          sub("growth_order_is", unit="relu2", order=2), sub("growth_order_is", unit="relu", order=1),
          about="a draft note: a discussion of polynomial order and ReLU² to write (the presupposition: ReLU² is of "
                "order 2 where ReLU is of order 1)",
          unchecked="a draft note naming a discussion, with a citation",
          reference="Zhang et al., ReLU² Wins, arXiv 2402.03804"),
    claim(POST, "Key thing is depth = polynomial order?",
          readings={"L layers have polynomial order L":
                    [sub("depth_is_order", unit=u) for u in ("relu", "relu2", "silu", "swiglu")],
                    "depth raises the polynomial order":
                    [sub("depth_raises_order", unit=u) for u in ("relu", "relu2", "silu", "swiglu")]},
          about="does a stack of L layers have polynomial order L?"),
    claim(POST, r"higher-order activation functions? \\(\beta(x) = x \alpha(x)\\)",
          sub("raises_order", units=("sigmoid", "normal_cdf", "relu", "silu"), by=1),
          about="β(x) = x·α(x) is an activation of higher order than α"),
    claim(POST, "Maybe it's more param efficient to just use higher-order activation functions?",
          sub("tied_gated", activation="silu", unit="swiglu"), sub("growth_order_is", unit="swiglu", order=2),
          about="is a higher-order activation more parameter-efficient than a gated unit? (the presupposition: "
                "β_SiLU is SwiGLU with tied weights, of the same order 2)",
          unchecked="parameter efficiency is an empirical question (training runs)",
          reference="Shazeer, arXiv 2002.05202; Zhang et al., arXiv 2402.03804"),
    claim(POST, "ReLU^2 wins https://arxiv.org/pdf/2402.03804", sub("raised_is", activation="relu", unit="relu2"),
          about="ReLU² performs best in the cited paper (the presupposition: its ReLU² is the post's β_ReLU)",
          unchecked="a citation of an empirical result",
          reference="Zhang et al., ReLU² Wins: Discovering Efficient Activation Functions for Sparse LLMs, "
                    "arXiv 2402.03804"),
    claim(POST, "sparsity is a feature not a bug!", sub("zero_on_half_line", unit="relu2"),
          about="ReLU²'s sparsity helps (the presupposition: ReLU² is exactly 0 on x < 0)",
          unchecked="an empirical claim of the cited paper", reference="Zhang et al., arXiv 2402.03804"),
    claim(POST, "Imo sometimes vectors are bidirectional, sometimes not (ray).",
          sub("output_ray", unit="relu"), sub("output_line", unit="swiglu"),
          about="some feature directions are used both ways, some only one way, e.g. a \"risk-seeking\" vector yes, "
                "a \"golden gate bridge\" vector no (the presupposition: a ReLU neuron writes a ray, a gated one a "
                "line)",
          unchecked="an opinion about the features of trained models",
          reference="Templeton et al., Scaling Monosemanticity (2024, the Golden Gate Bridge feature); steering "
                    "vectors, arXiv 2312.06681"),
    claim(POST, "Maybe it's a simplex, e.g. theirs/mine/empty in OthelloGPT", sub("simplex", states=3),
          about="a feature of several exclusive states (an Othello square: theirs, mine, empty) may be a simplex",
          unchecked="a conjecture about learned representations",
          reference="Li et al., arXiv 2210.13382; Nanda et al., arXiv 2309.00941 (mine/theirs/empty probes)"),
)
