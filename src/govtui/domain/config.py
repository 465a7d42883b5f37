"""User settings (the chosen theme, the name changes are recorded under), kept as JSON in the user config folder."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson

from govtui.domain.files import atomic_write, login_name
from govtui.domain.paths import config_path


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


def display_name(path: Path | None = None) -> str:
    """Who changes are recorded as: ``$GOVTUI_USER``, else the name set once in the app, else the login.

    On a shared server account every login is the same (``root``); a display name tells people apart.
    """
    name = os.environ.get("GOVTUI_USER", "").strip()
    if name:
        return name
    saved = load_config(path).get("user")
    if isinstance(saved, str) and saved.strip():
        return saved.strip()
    return login_name()


#: Working days ahead that count as 即将到期 (due soon) in the status filter, unless the settings say otherwise.
DUE_SOON_DAYS = 7


def due_soon_days(path: Path | None = None) -> int:
    """The user's 即将到期 window in working days: ``"due_soon_days"`` in the settings, else 7."""
    value = load_config(path).get("due_soon_days")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365:
        return value
    return DUE_SOON_DAYS
