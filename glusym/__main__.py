"""``python -m glusym``: see :mod:`glusym.cli`."""

from glusym.cli import main

raise SystemExit(main())
