"""What the ``govtui`` commands share: the context with its store, error handling, exit codes,
unit resolution and shell completion.  Both :mod:`govtui.cli` and :mod:`govtui.commands` build on it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, NoReturn, TypeVar

import click
from click.shell_completion import CompletionItem

from govtui.errors import DocumentError
from govtui.lookup import LookupExit, unit_names
from govtui.model import Role
from govtui.paths import db_path, sample_files
from govtui.query import TaskFilter
from govtui.storage import StoreError
from govtui.store import Store, today

F = TypeVar("F", bound=Callable[..., Any])

EXIT_NO_MATCH = 1
EXIT_ERROR = 2


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    click.echo(f"govtui: {message}", err=True)
    sys.exit(code)


def store_errors(func: F) -> F:
    """Turn store and document errors into a message and exit code 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (StoreError, DocumentError) as exc:
            fail(str(exc))

    return wrapper  # type: ignore[return-value]


@dataclass(repr=False, eq=False)
class Context:
    db_option: str | None

    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            path, is_default = db_path(self.db_option)
            if is_default and not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                self._store = Store(path)
                seed_samples(self._store)
            else:
                self._store = Store(path)
        return self._store


def seed_samples(store: Store) -> None:
    from govtui.importers import read_plan

    plans = []
    for sample in sample_files():
        try:
            plans.append(read_plan(sample))
        except DocumentError as exc:  # pragma: no cover - shipped samples always parse
            click.echo(f"govtui: sample {sample.name} skipped: {exc}", err=True)
    imported = [f"{r.plan.title} ({r.added} tasks)" for r in store.import_plans(plans)]
    click.echo(f"govtui: created a new store at {store.path} with the sample plans: "
               f"{'; '.join(imported)}", err=True)


def resolve_unit_option(store: Store, unit: str) -> list[str]:
    """The unit names ``--unit`` means; exits 1 when none, 2 (listing them) when several."""
    try:
        return unit_names(store, unit)
    except LookupExit as exc:
        for line in exc.lines:
            click.echo(line, err=True)
        sys.exit(exc.code)


ROLE_CHOICE = click.Choice([r.value for r in Role])


def _completion_store(ctx: click.Context) -> Store | None:
    """The store a half-typed command line names (never created or seeded by completing)."""
    path, _ = db_path(ctx.find_root().params.get("db"))
    return Store(path) if path.exists() else None


def complete_units(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Unit names for shell completion; pinyin (``bgs``) completes to the Chinese name."""
    try:
        store = _completion_store(ctx)
        if store is None:
            return []
        names = sorted(store.unit_names())
        from govtui.pinyin import is_romanised, pinyin_matches

        if incomplete and is_romanised(incomplete):
            found = pinyin_matches(incomplete, store.pinyin_keys())
        else:
            found = [n for n in names if n.startswith(incomplete)] or [n for n in names if incomplete in n]
        return [CompletionItem(n) for n in found]
    except (StoreError, OSError):
        return []


def complete_task_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    try:
        store = _completion_store(ctx)
        if store is None:
            return []
        rows = store.find_rows(TaskFilter(), today())
        return [CompletionItem(r.id, help=r.text_head[:30]) for r in rows if r.id.startswith(incomplete)][:200]
    except (StoreError, OSError):
        return []
