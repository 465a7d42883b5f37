"""What the ``govtui`` commands share: the context with its store, error handling, exit codes,
unit resolution and shell completion.  :mod:`govtui.cli` and the subcommand modules (:mod:`govtui.cli.care`,
:mod:`govtui.cli.reporting` …) build on it."""

from __future__ import annotations

import contextlib
import errno
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from click.shell_completion import CompletionItem

from govtui.cli.cells import install as lay_out_by_cells
from govtui.cli.lookup import LookupExit, say_notices, unit_names
from govtui.cli.words import install as speak_chinese
from govtui.domain.errors import DocumentError
from govtui.domain.files import TEMP_PREFIX, SymlinkRefused
from govtui.domain.model import Role, Unit
from govtui.domain.paths import db_path, sample_files
from govtui.domain.query import TaskFilter
from govtui.store.errors import NothingToDo, StoreError
from govtui.store.store import Store, today

F = TypeVar("F", bound=Callable[..., Any])

speak_chinese()  # click's own messages and help headings, before any command is declared
lay_out_by_cells()  # help pages measured in terminal columns (a Chinese character takes two)

#: The exit codes, one table for every command (README, "Exit codes"; tests/unit/test_exit_codes.py).
EXIT_NO_MATCH = 1  # nothing matched, nothing due, nothing to undo, a question answered no
EXIT_ERROR = 2  # usage or input error: a bad option, path, id, unit, date; a refused change
EXIT_CRASH = 3  # the app ended on an internal error
EXIT_INTERRUPTED = 130  # Ctrl+C (128 + SIGINT, as shells report it)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    click.echo(f"govtui: {message}", err=True)
    sys.exit(code)


def os_error_message(exc: OSError) -> str:
    """One line in Chinese for a file-system error a person can fix (a path, a permission, a full disk)."""
    where = str(exc.filename or "")
    reason = exc.strerror or str(exc)
    if Path(where).name.startswith(TEMP_PREFIX):  # the temporary file beside the target: name its folder
        where = str(Path(where).parent)
        if isinstance(exc, FileNotFoundError):
            return f"文件夹 {where} 不存在 (no such folder): 请先创建它, 或换一个路径"
    if isinstance(exc, SymlinkRefused):
        return f"{where} 是符号链接 (symbolic link): 不会写入或替换它指向的文件; 请给出普通文件的路径"
    if isinstance(exc, PermissionError):
        return f"没有权限写入或读取 {where} (permission denied): 请检查该文件及其文件夹的权限"
    if isinstance(exc, FileNotFoundError):
        return f"找不到 {where} (no such file or folder): 请检查路径"
    if isinstance(exc, IsADirectoryError):
        return f"{where} 是文件夹, 不是文件 (is a folder): 请给出文件名"
    if isinstance(exc, NotADirectoryError):
        return f"{where} 的上级不是文件夹 (not a folder): 请检查路径"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return (f"磁盘已满或超出文件大小限制 (no space left): 无法写入 {where or '(未知文件)'}; "
                "写到一半的文件已删除, 原有文件未作改动; 请腾出空间后再试")
    return f"无法访问 {where or '(未知文件)'}: {reason} (请检查路径、权限和磁盘空间)"


def store_errors(func: F) -> F:
    """Turn store, document and file errors into one line and exit code 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NothingToDo as exc:
            fail(str(exc), EXIT_NO_MATCH)
        except (StoreError, DocumentError) as exc:
            fail(str(exc))
        except BrokenPipeError:  # `govtui history | head`: the reader has all it wanted
            with contextlib.suppress(OSError):
                sys.stderr.close()
            sys.exit(0)
        except OSError as exc:
            fail(os_error_message(exc))
        finally:
            current = click.get_current_context(silent=True)
            obj = current.find_object(Context) if current is not None else None
            if obj is not None and obj._store is not None:
                say_notices(obj._store)

    return wrapper  # type: ignore[return-value]


@dataclass(repr=False, eq=False)
class Context:
    db_option: str | None

    _store: Store | None = None
    #: Said on stderr when the default store was created now; the app shows it too.
    first_run: str | None = None

    @property
    def store(self) -> Store:
        """The store; the default one is created on first use, with the sample plans."""
        return self._open(create=True)

    @property
    def store_as_is(self) -> Store:
        """The store without creating anything (a preview compares with what exists, possibly nothing)."""
        return self._open(create=False)

    def _open(self, *, create: bool) -> Store:
        if self._store is None:
            path, is_default = db_path(self.db_option)
            if not is_default and not path.parent.is_dir():
                fail(f"库文件 {path} 所在的文件夹 {path.parent} 不存在 (no such folder): 请检查 --db 或 $GOVTUI_DB")
            if path.is_dir():
                fail(f"{path} 是文件夹, 不是库文件 (is a folder): --db 应指向一个 .json 文件")
            if not create:
                return Store(path)
            if is_default and not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                self._store = Store(path)
                self.first_run = seed_samples(self._store)
            else:
                self._store = Store(path)
        return self._store


def seed_samples(store: Store) -> str:
    """Import the sample plans into a new store; returns what was said about it (on stderr)."""
    from govtui.importers import read_plan

    plans = []
    for sample in sample_files():
        try:
            plans.append(read_plan(sample))
        except DocumentError as exc:  # pragma: no cover - shipped samples always parse
            click.echo(f"govtui: 跳过示例 {sample.name} (sample skipped): {exc}", err=True)
    results = store.import_plans(plans)
    imported = [f"{r.plan.title} ({r.added} 项任务)" for r in results]
    click.echo(f"govtui: 新建了库文件 {store.path}, 已导入示例计划 (created a new store with the sample plans): "
               f"{'; '.join(imported)}", err=True)
    # The app's notice stays short (a few lines in a corner at 80×24): where the store is, ? help says.
    return (f"已新建库文件, 导入示例计划 {len(results)} 个 ({sum(r.added for r in results)} 项任务)。"
            "i 导入自己的计划 · ? 帮助 (含库文件位置)")


def resolve_unit_option(store: Store, unit: str) -> list[str]:
    """The unit names ``--unit`` means; exits 2 when none, or (listing them) when several."""
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
        from govtui.domain.pinyin import is_romanised, pinyin_matches

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


def checked_units(text: str, known: set[str], yes: bool) -> list[Unit]:
    """The units ``--units`` names; new names only once confirmed (asked on a terminal, else --yes)."""
    from govtui.domain.unit_input import check_units

    try:
        units, new = check_units(text, known)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--units") from None
    if new and not yes:
        listed = "、".join(new)
        if not sys.stdin.isatty():
            fail(f"以下单位尚不存在: {listed}; 确认是新单位请加 --yes, 或用 `govtui units` 查看已有单位 (new units)")
        if not click.confirm(f"以下单位尚不存在, 确定作为新单位添加? {listed}", default=False, err=True):
            fail("已取消, 未写入 (cancelled)")
    return units
