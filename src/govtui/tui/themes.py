"""Themes as data: each ``themes/*.json`` file becomes a :class:`textual.theme.Theme`.

A broken file is reported (returned in ``problems``) and skipped, never fatal.  A theme that
parses but cannot style the app (a colour variable Textual's stylesheet needs is missing, as with
``"ansi": true`` and no ``ansi-background``) is caught by :func:`theme_problem` before it is applied.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import fields
from inspect import getfile
from pathlib import Path, PurePath

from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.theme import Theme

from govtui.domain.paths import cache_dir, themes_dir

DEFAULT_THEME = "govtui-dark"
_ALLOWED = {f.name for f in fields(Theme)}


def load_themes(folder: Path | None = None) -> tuple[list[Theme], list[str]]:
    folder = folder or themes_dir()
    themes: list[Theme] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("不是 JSON 对象 (not a JSON object)")
            unknown = set(data) - _ALLOWED
            if unknown:
                raise ValueError(f"不认识的键 (unknown keys) {sorted(unknown)}")
            theme = Theme(**data)
            theme.to_color_system()  # validates the colours now, not at first paint
            themes.append(theme)
        except Exception as exc:  # any broken theme file is skipped with a message
            problems.append(f"主题文件 {path.name} 有误, 已跳过 (theme skipped): {exc}")
    return themes, problems


def _widget_classes() -> list[type[DOMNode]]:
    """Every Textual class whose default CSS the app's screens use."""
    from textual.screen import ModalScreen, Screen
    from textual.widgets import (
        DataTable,
        Footer,
        Input,
        Label,
        OptionList,
        RadioButton,
        RadioSet,
        Static,
        TextArea,
        Tree,
    )
    from textual.widgets._footer import FooterKey
    from textual.widgets._toast import Toast, ToastRack

    return [Screen, ModalScreen, DataTable, Footer, FooterKey, Input, Label, OptionList, RadioButton, RadioSet,
            Static, TextArea, Toast, ToastRack, Tree]


def theme_problem(theme: Theme, stylesheet: Stylesheet, defaults: dict[str, str],
                  css_paths: Sequence[str | PurePath] = ()) -> str | None:
    """Why ``theme`` cannot style the app (``None`` when it can).

    The app's stylesheet (with its CSS files ``css_paths``, when it has not read them yet) and the
    default CSS of every widget it shows are parsed with the theme's variables, exactly as Textual does
    when the theme is applied, but on a copy: a failure here is a message, not a crash.
    """
    try:
        variables = {**defaults, **theme.to_color_system().generate(), **theme.variables}
    except Exception as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    try:
        sheet = stylesheet.copy()
        for path in css_paths:
            if (str(path), "") not in sheet.source:
                sheet.read(path)
    except Exception as exc:  # the app's own CSS file cannot be read: no theme can style it
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    marker = _checked_marker(variables, sheet)
    if marker is not None and marker.exists():  # this theme styled this very stylesheet before
        return None
    try:
        for cls in _widget_classes():
            for base in cls.__mro__:
                css = base.__dict__.get("DEFAULT_CSS", "")
                if css:
                    try:
                        location = (getfile(base), f"{base.__name__}.DEFAULT_CSS")
                    except (TypeError, OSError):
                        location = ("", f"{base.__name__}.DEFAULT_CSS")
                    sheet.add_source(css, read_from=location, is_default_css=True)
        sheet.set_variables(variables)
        sheet.reparse()
    except Exception as exc:  # any stylesheet error: the theme is not usable
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return first
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
    return None


def _checked_marker(variables: dict[str, str], stylesheet: Stylesheet) -> Path | None:
    """A file in the cache folder that says: these variables style this stylesheet (the check is costly:
    it parses every widget's CSS, so a start-up does it only for a theme or stylesheet not seen before)."""
    import hashlib

    import textual

    # Textual's installed files stand for its version (its __version__ reads the package metadata: slow).
    try:
        installed = os.stat(textual.__file__ or "").st_mtime_ns
    except OSError:
        installed = 0
    digest = hashlib.sha256(repr((textual.__file__, installed, sorted(variables.items()))).encode())
    try:
        for key, source in sorted(stylesheet.source.items(), key=lambda item: repr(item[0])):
            digest.update(repr(key).encode() + b"\0" + source.content.encode() + b"\0")
    except (AttributeError, TypeError):
        return None
    return cache_dir() / "themes-checked" / digest.hexdigest()[:32]
