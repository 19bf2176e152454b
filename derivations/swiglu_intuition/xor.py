r"""The two-neuron XOR network: z = ReLU(x + y) − 2·ReLU(x + y − 1), and its Mermaid diagram.

The post (swiglu-intuition.md) states:

> Activation functions allow neural networks to express non-linear relationships.
> We can see this at work in a 2-neuron XOR gate.
> The first neuron identifies x OR y, the second x AND y, and the output \\(z=1\\) iff the first neuron is active and the second inactive.

and draws the network as a Mermaid graph (``h1["h₁ = [x+y]<sub>+</sub>"]``, ``b1 -->|-1| h2``,
``h2 -->|-2| z``, …), whose last line is

> class b1,b2 bias

The network is defined here once, as weights around glusym's ReLU; it is evaluated on the four
binary inputs, and the Mermaid diagram is emitted from the same weights and compared, node by node
and edge by edge, with the post's block (transcribed below). The verdicts on the passages, the
diagram's node labels among them, are the ledger's (derivations/ledger, where the diagram's nodes
and weighted edges are transcribed as data): the diagram draws this network exactly, except that
its last line styles a node b2 the graph never defines.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402

X, Y = sympy.symbols("x y", real=True)
INPUTS = (X, Y)
#: Hidden layer: one row per neuron (weights of x and y), and its bias.
W1 = sympy.Matrix([[1, 1], [1, 1]])
B1 = sympy.Matrix([0, -1])
#: Output layer: weights of h1 and h2.
W2 = sympy.Matrix([[1, -2]])

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: The post's Mermaid block, transcribed (indentation and blank lines aside).
POST_MERMAID = """\
graph LR
    %% Input layer
    x[x]
    y[y]
    b1[1]

    %% Hidden layer
    h1["h₁ = [x+y]<sub>+</sub>"]
    h2["h₂ = [x+y-1]<sub>+</sub>"]

    %% Output layer
    z["z = h₁-2h₂"]

    %% Input to hidden connections
    x -->|1| h1
    y -->|1| h1

    x -->|1| h2
    y -->|1| h2
    b1 -->|-1| h2

    %% Hidden to output connections
    h1 -->|1| z
    h2 -->|-2| z

    %% Styling
    classDef input fill:#e1f5ff,stroke:#333,stroke-width:2px
    classDef hidden fill:#fff4e1,stroke:#333,stroke-width:2px
    classDef output fill:#e1ffe1,stroke:#333,stroke-width:2px
    classDef bias fill:#ffe1e1,stroke:#333,stroke-width:2px

    class x,y input
    class h1,h2 hidden
    class z output
    class b1,b2 bias
"""


def network() -> tuple[sympy.Matrix, sympy.Matrix, sympy.Expr]:
    """(pre-activations, hidden activations, output) as expressions in x and y."""
    relu = glusym.get("relu")
    pre = W1 * sympy.Matrix(INPUTS) + B1
    hidden = pre.applyfunc(relu)
    return pre, hidden, (W2 * hidden)[0]


def _tight(e: sympy.Expr) -> str:
    """``x + y - 1`` as the post writes it: ``x+y-1``."""
    return sympy.sstr(e).replace(" ", "")


def _term(c: sympy.Expr, name: str, first: bool) -> str:
    sign = "-" if c < 0 else ("" if first else "+")
    mag = abs(c)
    return f"{sign}{'' if mag == 1 else mag}{name}"


def mermaid(pre: sympy.Matrix) -> str:
    """The Mermaid graph of the network, built from W1, B1, W2 (the post's layout and styling)."""
    n_hidden = W1.rows
    hid = [f"h{j + 1}" for j in range(n_hidden)]
    hname = [f"h{j + 1}".translate(SUB) for j in range(n_hidden)]
    out = ["graph LR", "    %% Input layer"]
    out += [f"    {v}[{v}]" for v in map(str, INPUTS)]
    out += ["    b1[1]", "", "    %% Hidden layer"]
    out += [f'    {h}["{name} = [{_tight(pre[j])}]<sub>+</sub>"]' for j, (h, name) in enumerate(zip(hid, hname))]
    zlabel = "".join(_term(W2[0, j], hname[j], j == 0) for j in range(n_hidden) if W2[0, j] != 0)
    out += ["", "    %% Output layer", f'    z["z = {zlabel}"]', "", "    %% Input to hidden connections"]
    for j, h in enumerate(hid):
        if j:
            out.append("")
        out += [f"    {v} -->|{W1[j, i]}| {h}" for i, v in enumerate(map(str, INPUTS)) if W1[j, i] != 0]
        if B1[j] != 0:
            out.append(f"    b1 -->|{B1[j]}| {h}")
    out += ["", "    %% Hidden to output connections"]
    out += [f"    {h} -->|{W2[0, j]}| z" for j, h in enumerate(hid) if W2[0, j] != 0]
    out += ["", "    %% Styling",
            "    classDef input fill:#e1f5ff,stroke:#333,stroke-width:2px",
            "    classDef hidden fill:#fff4e1,stroke:#333,stroke-width:2px",
            "    classDef output fill:#e1ffe1,stroke:#333,stroke-width:2px",
            "    classDef bias fill:#ffe1e1,stroke:#333,stroke-width:2px", "",
            f"    class {','.join(map(str, INPUTS))} input", f"    class {','.join(hid)} hidden",
            "    class z output", "    class b1 bias"]
    return "\n".join(out) + "\n"


NODE = re.compile(r'^\s*(\w+)\[("?)(.*?)\2\]\s*$')
EDGE = re.compile(r"^\s*(\w+)\s*-->\|([^|]*)\|\s*(\w+)\s*$")
CLASS = re.compile(r"^\s*class\s+([\w,]+)\s+(\w+)\s*$")


def graph(block: str) -> tuple[dict[str, str], set[tuple[str, str, str]], dict[str, str]]:
    """(node id -> label, edges (from, weight, to), node id -> class) of a Mermaid block."""
    nodes, edges, classes = {}, set(), {}
    for line in block.splitlines():
        if m := NODE.match(line):
            nodes[m.group(1)] = m.group(3)
        elif m := EDGE.match(line):
            edges.add((m.group(1), m.group(2), m.group(3)))
        elif m := CLASS.match(line):
            for n in m.group(1).split(","):
                classes[n] = m.group(2)
    return nodes, edges, classes


def main() -> None:
    d = Script(__doc__)
    pre, hidden, z = network()

    d.section("1. The network, from glusym's ReLU")
    d.show("h1", hidden[0])
    d.show("h2", hidden[1])
    d.show("z = h1 - 2 h2", z)
    d.tex("network", r"z = \text{ReLU}\left(x + y\right) - 2 \text{ReLU}\left(x + y - 1\right)")

    d.section("2. The four binary inputs")
    rows = []
    for a in (0, 1):
        for b in (0, 1):
            at = {X: a, Y: b}
            rows.append((a, b, hidden[0].subs(at), hidden[1].subs(at), z.subs(at), a ^ b, int(a or b), int(a and b)))
    d.table(("x", "y", "h1", "h2", "z", "x XOR y", "x OR y", "x AND y"), rows)
    d.check(all(r[4] == r[5] for r in rows), "z = x XOR y on all four binary inputs")
    d.claim("We can see this at work in a 2-neuron XOR gate.")
    d.check(z.subs({X: 0, Y: 0}) - z.subs({X: 1, Y: 0}) - z.subs({X: 0, Y: 1}) + z.subs({X: 1, Y: 1}) != 0,
            "z(0,0) − z(1,0) − z(0,1) + z(1,1) ≠ 0: no affine function of (x, y) is XOR")
    d.claim("Activation functions allow neural networks to express non-linear relationships.")
    d.check(all((r[2] > 0) == bool(r[6]) and (r[3] > 0) == bool(r[7]) for r in rows),
            "h1 > 0 exactly when x OR y, h2 > 0 exactly when x AND y")
    d.claim("The first neuron identifies x OR y, the second x AND y")
    d.check(all((r[4] == 1) == (r[2] > 0 and r[3] == 0) for r in rows),
            "on the four binary inputs z = 1 exactly when h1 > 0 and h2 = 0")
    d.claim(r"the output \\(z=1\\) iff the first neuron is active and the second inactive")
    tent = [(v, z.subs({X: v, Y: 0})) for v in (-1, 0, sympy.Rational(1, 2), 1, sympy.Rational(3, 2), 2, 3)]
    d.table(("s = x + y", "z"), tent)
    d.say("""On real inputs z depends on x + y only: a tent rising from 0 at s = 0 to 1 at s = 1,
             back to 0 at s = 2, and negative beyond.""")
    d.check(z.subs({X: 2, Y: 1}) == -1, "z(2, 1) = -1: off the binary inputs the network is not a gate")

    d.section("3. The Mermaid diagram, emitted from the weights")
    block = mermaid(pre)
    print()
    for line in block.splitlines():
        print("    " + line)
    d.write("diagram.mmd", block)
    ours, post = graph(block), graph(POST_MERMAID)
    d.check(ours[0] == post[0], f"the same nodes and labels as the post's diagram: {sorted(ours[0])}")
    d.check(ours[1] == post[1], f"the same {len(ours[1])} weighted edges as the post's diagram")
    stray = sorted(set(post[2]) - set(post[0]))
    d.show("the post's `class` lines name nodes it never defines", stray)
    d.check(stray == ["b2"] and ours[2] == {k: v for k, v in post[2].items() if k in post[0]},
            "the only difference: the post styles a node b2 (`class b1,b2 bias`) that the graph does not have")
    ours_lines = [a.strip() for a in block.splitlines() if a.strip()]
    post_lines = [a.strip() for a in POST_MERMAID.splitlines() if a.strip()]
    differ = [(a, b) for a, b in zip(post_lines, ours_lines) if a != b]
    d.show("lines that differ (post, emitted)", differ)
    d.check(len(ours_lines) == len(post_lines) and differ == [("class b1,b2 bias", "class b1 bias")],
            "line for line, the emitted block is the post's except its last line")
    for quote in ('h1["h₁ = [x+y]<sub>+</sub>"]', 'h2["h₂ = [x+y-1]<sub>+</sub>"]', 'z["z = h₁-2h₂"]'):
        d.claim(quote)
    d.claim("class b1,b2 bias")
    d.finish()


if __name__ == "__main__":
    main()
