"""The defaults of ``glusym check`` from a project's configuration: ``[tool.glusym]`` of a
``pyproject.toml`` (read with tomllib) or the ``glusym:`` key of a Jekyll ``_config.yml`` (read
with PyYAML's safe_load), the first found walking up from a folder. The command line overrides it.

```toml
[tool.glusym]
budget = 10          # seconds per link, more than 0, at most 86400
approx_tol = 0.05    # the largest error of an approximation that holds approximately
approx_interval = [-4, 4]   # where an approximation is measured when its formula states no domain
jobs = 2             # worker processes
exclude = ["drafts", "*/old-*.md"]   # globs of paths (relative to the working folder) not checked
```

An unknown key or a bad value raises GlusymError naming the file and the key.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .budget import MAX_BUDGET
from .errors import GlusymError

__all__ = ["Config", "find_config", "load_config"]

KEYS = ("budget", "approx_tol", "approx_interval", "jobs", "exclude")


@dataclass(frozen=True)
class Config:
    """``check``'s defaults, None where the configuration does not set them; ``source`` is the file."""

    budget: float | None = None
    approx_tol: float | None = None
    approx_interval: tuple[float, float] | None = None
    jobs: int | None = None
    exclude: tuple[str, ...] = ()
    source: str | None = None


def _section(path: Path) -> dict[str, Any] | None:
    """The glusym section of ``path``, or None where the file has none."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GlusymError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # Python 3.10: the same parser, as tomli
            import tomli as tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise GlusymError(f"{path}: not valid TOML ({str(exc).splitlines()[0]})") from None
        section = data.get("tool", {}).get("glusym") if isinstance(data.get("tool"), dict) else None
        where = "[tool.glusym]"
    else:
        import yaml

        try:
            data = yaml.safe_load(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise GlusymError(f"{path}: not valid YAML ({' '.join(str(exc).split())[:160]})") from None
        section = data.get("glusym") if isinstance(data, dict) else None
        where = "glusym:"
    if section is None:
        return None
    if not isinstance(section, dict):
        raise GlusymError(f"{path}: {where} must be a table of settings, not {type(section).__name__}")
    return section


def find_config(start: Path) -> Path | None:
    """The first ``pyproject.toml`` with a ``[tool.glusym]`` table or ``_config.yml`` with a
    ``glusym:`` key, in ``start`` or a folder above it (pyproject.toml first in each folder)."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in ("pyproject.toml", "_config.yml"):
            p = folder / name
            if p.is_file() and _section(p) is not None:
                return p
    return None


def _number(path: Path, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise GlusymError(f"{path}: {key} must be a number, not {value!r}")
    return float(value)


def load_config(path: Path) -> Config:
    """The settings of ``path``'s glusym section, each checked."""
    section = _section(path) or {}
    out: dict[str, Any] = {}
    for key, value in section.items():
        if key not in KEYS:
            raise GlusymError(f"{path}: unknown key {key!r} in the glusym settings (known: {', '.join(KEYS)})")
        if key == "budget":
            v = _number(path, key, value)
            if not 0 < v <= MAX_BUDGET:
                raise GlusymError(f"{path}: budget must be more than 0 and at most {MAX_BUDGET:g} seconds, not {value!r}")
            out[key] = v
        elif key == "approx_tol":
            v = _number(path, key, value)
            if v < 0:
                raise GlusymError(f"{path}: approx_tol must be a nonnegative number, not {value!r}")
            out[key] = v
        elif key == "approx_interval":
            if not isinstance(value, list) or len(value) != 2:
                raise GlusymError(f"{path}: approx_interval must be two numbers [LOW, HIGH], not {value!r}")
            lo, hi = (_number(path, key, v) for v in value)
            if not lo < hi:
                raise GlusymError(f"{path}: approx_interval must be [LOW, HIGH] with LOW < HIGH, not {value!r}")
            out[key] = (lo, hi)
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1024:
                raise GlusymError(f"{path}: jobs must be a whole number from 1 to 1024, not {value!r}")
            out[key] = value
        else:  # exclude
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise GlusymError(f"{path}: exclude must be a list of globs (strings), not {value!r}")
            out[key] = tuple(value)
    return Config(**out, source=str(path))


def config_for(start: Path) -> Config:
    """The configuration found from ``start`` up, or the empty one."""
    path = find_config(start)
    return Config() if path is None else load_config(path)
