"""Realistic synthetic stores for the benchmarks and the crash tests.

Many plans in the shape of the samples: sections and subsections, Chinese requirement
text of real length, units with lead/cooperate roles, deadlines, statuses, some notes.

    python benchmarks/generate.py 10000 /tmp/store-10k.json
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from govtui.domain.model import Deadline, DeadlineKind, Note, Plan, Role, Section, Status, Task, Unit
from govtui.store.storage import write_store
from govtui.store.store import SCHEMA_VERSION

UNITS = ["办公室", "财务室", "政策法规科", "综合科", "宣传科", "信息中心", "人事科", "执法监督科", "社会事务股",
         "养老服务股", "规划科", "审批科", "统计科", "市民生办"]
GENERIC = ["各科室", "相关业务科室", "各相关股室", "各单位"]
PHRASES = ["及时公开加快构建现代化产业体系、扩大有效投资、促进民营经济发展等方面政策举措和进展成效",
           "深化惠农、教育、就业、卫生健康、社会救助、社会保障等民生领域信息公开",
           "严格落实政策解读与政策文件同步起草、同步审签、同步发布的“三同步”要求",
           "加强政府网站与政务新媒体协同联动，积极拓展政务公开渠道",
           "推进政务公开专区标准化规范化建设，适时开展功能设置、服务质量和运行情况评估",
           "公开后定期清理，按照“谁公开、谁清理”原则，加强对已公开的信息进行风险排查"]


def build_store(path: Path, n_tasks: int, *, tasks_per_plan: int = 40, seed: int = 7) -> None:
    rng = random.Random(seed)
    plans: dict[str, dict] = {}
    tasks: dict[str, dict] = {}
    n_plans = max(1, n_tasks // tasks_per_plan)
    doc = 1
    for p in range(1, n_plans + 1):
        year = 2019 + p % 7
        sections = [Section(f"s{i + 1}", "一二三四"[i // 3] if i % 3 == 0 else f"({'一二三'[i % 3]})",
                            f"第{i}部分工作", 1 if i % 3 == 0 else 2, i, None if i % 3 == 0 else f"s{i // 3 * 3 + 1}")
                    for i in range(12)]
        plan = Plan(str(p), f"测试市第{p}局{year}年政务公开重点工作任务分工", f"测试市第{p}局", year,
                    f"plan{p}.txt", None, "", "table", sections, key=f"plan-{p}")
        plans[str(p)] = plan.to_dict()
        count = tasks_per_plan if p < n_plans else n_tasks - tasks_per_plan * (n_plans - 1)
        for t in range(1, count + 1):
            sub = sections[(t % 4) * 3 + 1]
            lead = rng.choice(UNITS)
            units = [Unit(lead, Role.LEAD), Unit(rng.choice(GENERIC), Role.COOPERATE, True)] \
                if t % 3 == 0 else [Unit(lead), Unit(rng.choice(UNITS))]
            month = rng.randint(1, 12)
            deadline = Deadline("持续推进", None, DeadlineKind.ONGOING) if t % 2 else \
                Deadline(f"{month}月底前", dt.date(year, month, 28), DeadlineKind.DATE)
            text = "。".join(rng.sample(PHRASES, 3)) + "。"
            notes = [Note(f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00+08:00", "zhang",
                          "已按要求完成公开并报送材料。")] if t % 7 == 0 else []
            task = Task(f"{p}-{t}", str(p), str(t), t - 1, [sub.parent or "s1", sub.id], text, units, deadline,
                        rng.choice(list(Status)), notes, [], 0)
            tasks[str(doc)] = task.to_dict()
            doc += 1
    from govtui.domain.pinyin import keys_for  # a store keeps the pinyin of its unit names (computed on import)

    names = sorted({*UNITS, *GENERIC})
    keys = keys_for(names)
    pinyin = {str(i): {"name": n, **keys[n]} for i, n in enumerate(names, 1)}
    data = {"meta": {"1": {"schema": SCHEMA_VERSION}}, "plans": {str(i): v for i, v in enumerate(plans.values(), 1)},
            "tasks": tasks, "history": {}, "pinyin": pinyin}
    write_store(path, data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py N_TASKS OUTPUT.json")
    build_store(Path(sys.argv[2]), int(sys.argv[1]))
    print(f"wrote {sys.argv[1]} tasks to {sys.argv[2]}")
