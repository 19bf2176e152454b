"""The bounds glusym puts on its inputs, in one light module (no SymPy): the analyses check them,
and the command line's help names them before anything heavy is imported."""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "MAX_NODES", "MAX_ORDER", "MAX_TERMS"]

#: The most terms a Taylor series is computed to (``order``, ``n``): the composition costs
#: about ``order²`` coefficient products, and a stack's ``order × depth`` shares this limit.
MAX_ORDER = 640
#: The deepest stack glusym builds.
MAX_DEPTH = 64
#: The largest ``order × depth`` a chain's Taylor expansion is computed for.
MAX_TERMS = MAX_ORDER
#: The largest nested expression (nodes of its tree) a chain builds: the analyses that read the
#: whole expression (gradient, Hessian, extrema) and its printing walk the tree, which doubles
#: with each layer of a unit that uses its input twice (64 SwiGLU layers: about 10^20 nodes).
#: Its Taylor series and growth orders never build it.
MAX_NODES = 10**5
