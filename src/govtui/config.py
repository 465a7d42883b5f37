"""User settings (the chosen theme), kept as JSON in the platform's config folder."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import orjson

from govtui.paths import config_path
from govtui.storage import atomic_write


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The saved settings; an unreadable or broken file counts as none (never fatal)."""
    path = path or config_path()
    with contextlib.suppress(OSError, orjson.JSONDecodeError):
        data = orjson.loads(path.read_bytes())
        if isinstance(data, dict):
            return data
    return {}


def save_config(changes: dict[str, Any], path: Path | None = None) -> None:
    path = path or config_path()
    data = {**load_config(path), **changes}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
