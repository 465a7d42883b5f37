"""Themes as data: each ``themes/*.json`` file becomes a :class:`textual.theme.Theme`.

A broken file is reported (returned in ``problems``) and skipped, never fatal.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from textual.theme import Theme

from govtui.paths import themes_dir

DEFAULT_THEME = "govtui-dark"
_ALLOWED = {f.name for f in fields(Theme)}


def load_themes(folder: Path | None = None) -> tuple[list[Theme], list[str]]:
    folder = folder or themes_dir()
    themes: list[Theme] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            unknown = set(data) - _ALLOWED
            if unknown:
                raise ValueError(f"unknown keys {sorted(unknown)}")
            theme = Theme(**data)
            theme.to_color_system()  # validates the colours now, not at first paint
            themes.append(theme)
        except Exception as exc:  # any broken theme file is skipped with a message
            problems.append(f"theme {path.name} skipped: {exc}")
    return themes, problems
