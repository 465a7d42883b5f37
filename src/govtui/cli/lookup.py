"""The quick lookup (``govtui --unit 办公室``), free of click so that it can start fast.

:func:`run_lookup` is the one implementation: the click command calls it, and so does
the launcher's fast path (:mod:`govtui.cli.launcher`), which recognises a plain lookup
command line and answers it without importing click at all (click alone costs about a
quarter of the lookup's time).  Anything the fast path does not fully understand —
help, a subcommand, an unknown or malformed option, a value it cannot check — goes to
click, which gives the usual messages.
"""

from __future__ import annotations

import os
import sys

from govtui.domain.model import Role
from govtui.domain.query import TaskFilter, archived_hidden, asks_soon, status_filter
from govtui.domain.unit_names import AmbiguousUnit, resolve_units
from govtui.reports.output import task_json, task_table
from govtui.store.store import Store, today

EXIT_OK, EXIT_NO_MATCH, EXIT_ERROR = 0, 1, 2


class LookupExit(Exception):
    """Stop with ``code`` after printing ``lines`` to stderr."""

    def __init__(self, code: int, *lines: str) -> None:
        super().__init__(lines[0] if lines else "")
        self.code = code
        self.lines = lines


class LookupArgs:
    __slots__ = ("as_json", "db", "include_generic", "overdue", "plan", "role", "search", "status", "unit")

    def __init__(self, db: str | None = None, unit: str | None = None, role: str | None = None,
                 status: str | None = None, overdue: bool = False, plan: str | None = None,
                 search: str | None = None, include_generic: bool = False, as_json: bool = False) -> None:
        self.db = db
        self.unit = unit
        self.role = role
        self.status = status
        self.overdue = overdue
        self.plan = plan
        self.search = search
        self.include_generic = include_generic
        self.as_json = as_json

    def has_filter(self) -> bool:
        return any((self.unit, self.role, self.status, self.overdue, self.plan, self.search))


def terminal_width() -> int:
    """What shutil.get_terminal_size gives, without importing shutil."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        stdout = sys.__stdout__
        return os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 100
    except (AttributeError, ValueError, OSError):
        return 100


def emit_json(data: object) -> None:
    """Machine-readable output: indented UTF-8 JSON on stdout (the format the README documents)."""
    import orjson  # imported on use: the plain lookup never needs it

    sys.stdout.flush()
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def unit_names(store: Store, unit: str) -> list[str]:
    """The unit names ``--unit`` means; :class:`LookupExit` 2 when none (an input error, as an unknown id),
    2 (listing them) when several."""
    try:
        names = resolve_units(unit, store.unit_names(), store.pinyin_keys(), strict=True)
    except AmbiguousUnit as exc:
        raise LookupExit(EXIT_ERROR, f"govtui: {unit!r} 对应多个单位, 请指明是哪一个 (matches several units):",
                         *(f"  {n}" for n in exc.names)) from None
    if not names:
        raise LookupExit(EXIT_ERROR,
                         f"govtui: 没有名为 {unit!r} 的单位 (no such unit); 用 `govtui units` 查看全部单位")
    return names


def lookup_filter(store: Store, args: LookupArgs) -> TaskFilter:
    """The filter a lookup command line asks for (:class:`LookupExit` when its unit is unknown or ambiguous,
    or its plan unknown)."""
    task_filter = TaskFilter(units=unit_names(store, args.unit) if args.unit else (),
                             role=Role(args.role) if args.role else None, include_generic=args.include_generic,
                             overdue=args.overdue, plan=args.plan, text=args.search)
    if args.status:
        soon = None
        if asks_soon(args.status):  # 即将到期: the user's window in working days, as in the app
            from govtui.domain.config import due_soon_days
            from govtui.domain.workdays import WorkCalendar
            from govtui.reports.remind import soon_window

            soon = soon_window(today(), due_soon_days(), WorkCalendar())
        task_filter = task_filter & status_filter(args.status, soon)
    if args.plan and all(str(r["id"]) != args.plan for r in store.plan_rows()):  # an input error, as `export --plan 9`
        raise LookupExit(EXIT_ERROR, f"govtui: 没有编号为 {args.plan} 的计划 (no such plan); 用 `govtui plans` 查看")
    archived = store.archived_plan_ids()
    return archived_hidden(archived, task_filter) if archived else task_filter  # found when asked for


def run_lookup(store: Store, args: LookupArgs) -> int:
    """Print the tasks matching ``args``; return the exit code (0 found, 1 none)."""
    task_filter = lookup_filter(store, args)
    day = today()
    out = sys.stdout
    if args.as_json:
        plans, tasks = store.find(task_filter, day)
        emit_json([task_json(t, plans, day) for t in tasks])
        found = len(tasks)
    else:
        rows = store.find_rows(task_filter, day)
        if rows:
            out.write("\n".join(task_table(rows, day, terminal_width())) + "\n")
            out.flush()
            sys.stderr.write(f"\n共 {len(rows)} 项任务 (tasks); * 标出牵头单位 (lead)\n")
        found = len(rows)
    say_notices(store)
    if not found:
        if not args.as_json:
            sys.stderr.write("govtui: 没有匹配的任务 (no task matches)\n")
        return EXIT_NO_MATCH
    return EXIT_OK


def say_notices(store: Store) -> None:
    """Tell on stderr what the store noticed while answering (a damaged store answered from the cache)."""
    for notice in store.notices:
        sys.stderr.write(f"govtui: 注意 (warning): {notice}\n")
    store.notices.clear()


_VALUED = {"--db": "db", "--unit": "unit", "-u": "unit", "--role": "role", "--status": "status", "-s": "status",
           "--plan": "plan", "-p": "plan", "--search": "search", "-q": "search"}
_SWITCHES = {"--overdue": "overdue", "--include-generic": "include_generic", "--json": "as_json"}


def parse_fast(argv: list[str]) -> LookupArgs | None:
    """The lookup a command line asks for, or ``None`` when it is anything else (then click decides)."""
    args = LookupArgs(db=os.environ.get("GOVTUI_DB") or None)
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        token = argv[i]
        name, has_value, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _SWITCHES and not has_value:
            setattr(args, _SWITCHES[name], True)
        elif name in _VALUED:
            if not has_value:
                i += 1
                if i >= len(argv) or argv[i].startswith("-"):
                    return None
                value = argv[i]
            if _VALUED[name] in seen or not value:
                return None
            seen.add(_VALUED[name])
            setattr(args, _VALUED[name], value)
        else:
            return None
        i += 1
    if not args.has_filter():
        return None
    if args.role is not None and args.role not in {r.value for r in Role}:
        return None
    if args.status is not None:
        try:
            status_filter(args.status, soon_within=0)
        except ValueError:
            return None
    return args
