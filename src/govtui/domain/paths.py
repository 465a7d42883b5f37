"""Every file location govtui uses, each overridable by an environment variable.

``GOVTUI_DB``      the store file (else the platform's user data folder)
``GOVTUI_CONFIG``  the settings file (else the platform's user config folder)
``GOVTUI_OUTPUT``  where the app writes files (催办 briefs, report material; else the user data folder)
``GOVTUI_CACHE``   disposable files: the lookup index, themes already checked (else the user cache folder)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "govtui"
_PACKAGE = Path(__file__).resolve().parent.parent  # the govtui package (this file is in govtui/domain)


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "store.json"


def db_path(option: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """(store path, whether it is the default location) from ``--db``, ``$GOVTUI_DB`` or the default."""
    if option:
        return Path(option).expanduser(), False
    env = os.environ.get("GOVTUI_DB")
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True


def cache_dir() -> Path:
    """Where disposable, derived files go (deleting them only costs time)."""
    folder = os.environ.get("GOVTUI_CACHE")
    if folder:
        return Path(folder)
    if sys.platform.startswith("linux"):  # what platformdirs says, without importing it (the lookup's path)
        return Path(os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")) / APP_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def store_cache_file(store: Path, suffix: str) -> Path:
    """A derived file of ``store`` (its lookup index, its first screen …): hidden beside the store, where every
    process and every user of the store finds what the last writer kept current (``.plans.json.first``); in
    ``$GOVTUI_CACHE``, if set, or in the user cache folder when the store's folder can't be written."""
    folder = os.environ.get("GOVTUI_CACHE")
    if not folder:
        beside = store.with_name(f".{store.name}{suffix}")
        if os.access(store.parent, os.W_OK) or os.path.exists(beside):
            return beside
    import zlib

    name = str(store.resolve()).encode()
    return cache_dir() / f"index-{zlib.crc32(name):08x}{zlib.adler32(name):08x}{suffix}"


def config_path() -> Path:
    env = os.environ.get("GOVTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.json"


def output_dir() -> Path:
    """Where the app writes the files it makes (催办 briefs, year-end material), created on use."""
    env = os.environ.get("GOVTUI_OUTPUT")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "output"


def _shipped(name: str) -> Path:
    """A folder shipped with govtui: inside the installed package, or at the top of a source checkout."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def samples_dir() -> Path:
    return _shipped("data")


def themes_dir() -> Path:
    return _shipped("themes")


def sample_files() -> list[Path]:
    folder = samples_dir()
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "README")))
