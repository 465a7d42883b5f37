"""A small store with due dates, statuses, roles and dotted numbers, for the daily-work tests.

``TODAY`` is a Wednesday; run the app with ``GOVTUI_TODAY`` set to it.  The tasks, in document order:

======  ======================================  ==========  =======
编号    units                                   due         status
======  ======================================  ==========  =======
10      办公室 (牵头), 各科室 (配合)            TODAY+3     doing
2       财务科                                  TODAY-3     doing  (overdue 3 days)
1.10    法规科 (牵头)                           —           blocked
1.2     各科室 (generic)                        TODAY+30    todo
3       法规科 (牵头), 办公室 (配合)            TODAY+1     done
======  ======================================  ==========  =======
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govtui.domain.model import Deadline, DeadlineKind, ImportedPlan, Plan, Role, Section, Status, Task, Unit
from govtui.store.store import Store

TODAY = dt.date(2024, 6, 12)


def _due(days: int | None) -> Deadline:
    if days is None:
        return Deadline("持续推进", None, DeadlineKind.ONGOING)
    day = TODAY + dt.timedelta(days=days)
    return Deadline(f"{day.month}月{day.day}日前", day, DeadlineKind.DATE)


ROWS = [
    ("10", "第十项: 发布“政策解读”专栏", [Unit("办公室", Role.LEAD), Unit("各科室", Role.COOPERATE, True)], 3,
     Status.DOING),
    ("2", "第二项: 公开财政预决算", [Unit("财务科")], -3, Status.DOING),
    ("1.10", "第一点十项: 规范性文件清理", [Unit("法规科", Role.LEAD)], None, Status.BLOCKED),
    ("1.2", "第一点二项: 各科室自查", [Unit("各科室", generic=True)], 30, Status.TODO),
    ("3", "第三项: 年度报告", [Unit("法规科", Role.LEAD), Unit("办公室", Role.COOPERATE)], 1, Status.DONE),
]


def build_dated_store(path: Path) -> Store:
    store = Store(path)
    plan = Plan("", "2024年政务公开工作任务分工", organization="某局", year=2024, key="daily-2024",
                sections=[Section("s1", "一", "工作任务", 1, 0)])
    tasks = [Task("", "", number, i, ["s1"], text, units=units, deadline=_due(days), status=status)
             for i, (number, text, units, days, status) in enumerate(ROWS)]
    store.import_plans([ImportedPlan(plan, tasks)])
    return store
