"""A store like the seed plans at scale: one real table imported 455 times under different organisations.

    python benchmarks/seed_store.py /tmp/seed-store.json            # 455 copies: 10,010 tasks
    python benchmarks/seed_store.py /tmp/seed-store.json --copies 20

The seed table (``shared/seeds/000_…``, a 任务分工 table of 22 tasks; or ``data/huainan-2024-task-division.txt``,
the same document, when the shared folder is not there) is written once per organisation — its title's
organisation replaced, so that each copy is a plan of its own — and all copies are imported by the real
``govtui import`` in one command.  ``govtui --unit 办公室`` then prints 14 rows per copy (6,370 at 455).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_SEED = ROOT.parent / "shared" / "seeds"
SEED_ORG = "残疾人联合会"
CITIES = ["北京", "上海", "天津", "重庆", "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山",
          "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城", "南京", "苏州", "无锡", "常州", "徐州", "杭州",
          "宁波", "温州", "绍兴", "嘉兴", "福州", "厦门", "泉州", "济南", "青岛"]
BUREAUS = ["财政局", "民政局", "教育局", "公安局", "司法局", "商务局", "统计局", "审计局", "水利局", "林业局",
           "文化和旅游局", "卫生健康委员会", "人力资源和社会保障局"]


def seed_table() -> Path:
    seeds = sorted(SHARED_SEED.glob("000_*.txt")) if SHARED_SEED.is_dir() else []
    return seeds[0] if seeds else ROOT / "data" / "huainan-2024-task-division.txt"


def organisations(copies: int) -> list[str]:
    names = [f"{city}市{bureau}" for bureau in BUREAUS for city in CITIES]
    if copies > len(names):
        raise SystemExit(f"at most {len(names)} copies")
    return names[:copies]


def write_documents(folder: Path, copies: int) -> list[Path]:
    lines = seed_table().read_text(encoding="utf-8").splitlines(keepends=True)
    head = lines[0]
    if "淮南市" + SEED_ORG not in head:
        raise SystemExit(f"the seed table's title is not the expected one: {head!r}")
    paths = []
    for i, org in enumerate(organisations(copies)):
        path = folder / f"{i:03d}.txt"
        path.write_text(head.replace("淮南市" + SEED_ORG, org) + "".join(lines[1:]), encoding="utf-8")
        paths.append(path)
    return paths


def build_seed_store(store: Path, copies: int = 455, env: dict[str, str] | None = None) -> None:
    govtui = shutil.which("govtui", path=str(Path(sys.executable).parent)) or "govtui"
    with tempfile.TemporaryDirectory(prefix="govtui-seed-") as name:
        paths = write_documents(Path(name), copies)
        subprocess.run([govtui, "--db", str(store), "import", *map(str, paths)], env=env or os.environ,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


PHRASES = ["及时公开加快构建现代化产业体系、扩大有效投资、促进民营经济发展等方面政策举措和进展成效,"
           "系统全面准确传递政策取向",
           "深化惠农、教育、就业、卫生健康、社会救助、社会保障等民生领域信息公开,及时回应群众关切",
           "严格落实政策解读与政策文件同步起草、同步审签、同步发布的“三同步”要求",
           "加强政府网站与政务新媒体协同联动,积极拓展政务公开渠道",
           "推进政务公开专区标准化规范化建设,适时开展功能设置、服务质量和运行情况评估"]
UNITS = ["办公室", "财务室", "政策法规科", "综合科", "宣传科", "信息中心", "人事科"]
DEADLINES = ["持续推进", "2024年6月底前", "2024年12月底前", "每季度", "2024年9月"]
NUMERALS = "一二三四五六七八九十"


def large_documents(folder: Path, tasks: int = 300) -> list[Path]:
    """Two real-shaped documents of ``tasks`` tasks each, in the layouts of the corpus: a 任务分工 table
    (序号 | 工作任务 | 责任单位 | 完成时限, sections as rows) and a 工作要点 in prose (headings, numbered
    paragraphs with a (责任单位:…,完成时限:…) note)."""
    import random

    rng = random.Random(3)
    per = tasks // 10
    table = ["某某市某某局2024年政务公开重点工作任务分工", "序号 | 工作任务 | 责任单位 | 完成时限 |"]
    prose = ["某某县某某局2024年政务公开工作要点", ""]
    n = 0
    for s in range(10):
        table.append(f"{NUMERALS[s]}、第{NUMERALS[s]}方面工作 | | | |")
        prose += [f"{NUMERALS[s]}、第{NUMERALS[s]}方面工作", ""]
        for _ in range(per if s < 9 else tasks - per * 9):
            n += 1
            text, lead, other, due = rng.choice(PHRASES), rng.choice(UNITS), rng.choice(UNITS), rng.choice(DEADLINES)
            table.append(f"{n} | {text}。 | {lead}牵头,{other}配合 | {due} |")
            prose += [f"{n}.{text}。(责任单位:{lead},完成时限:{due})", ""]
    paths = [folder / "table-300.txt", folder / "prose-300.txt"]
    for path, lines in zip(paths, (table, prose), strict=True):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--copies", type=int, default=455)
    args = parser.parse_args()
    build_seed_store(args.store, args.copies)
    print(f"wrote {args.copies} copies ({args.copies * 22:,} tasks) to {args.store}")
