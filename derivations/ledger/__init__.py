"""The claims of the two documents, declared as data: the table ``glusym claims`` and the
derivation scripts both compute (see glusym.claims for the mechanism).

- ``post.py`` and ``thread.py``: the claims of ``swiglu-intuition.md`` and ``geglu-geometry.txt``,
  each a quote, its reading(s) and its sub-claims by name with their arguments, in document order;
- ``post_subclaims.py`` and ``thread_subclaims.py``: the computations those names stand for, each
  ``compute(maths, **args) -> (truth, what it computed)`` using glusym's analyses on ``maths.get(…)``
  (so that a test can change the mathematics under the ledger);
- ``facts.py``: facts several sub-claims share (GELU's minimum, peak, asymptotes), computed once
  per Maths.
"""

from glusym.claims import Table

from . import post, post_subclaims, thread, thread_subclaims

_shared = set(post_subclaims.REGISTRY) & set(thread_subclaims.REGISTRY)
if _shared:  # one name, one computation: a clash would silently replace one document's sub-claim
    raise ImportError(f"sub-claims defined for both documents: {sorted(_shared)}")

TABLE = Table(post.CLAIMS + thread.CLAIMS, {**post_subclaims.REGISTRY, **thread_subclaims.REGISTRY})
