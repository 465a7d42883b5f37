"""Run every govtui benchmark and print a table of figures (medians of several runs).

    python benchmarks/run.py              # 1,000, 10,000 and 50,000 tasks
    python benchmarks/run.py --large      # and 200,000 tasks (a province's plans over ten years)
    python benchmarks/run.py --quick      # 1,000 and 10,000 only, fewer runs
    python benchmarks/run.py --only 50000 # one size

Stores are generated in a temporary folder by ``benchmarks/generate.py``.  When
Taskwarrior (``task``) is installed, the same 10,000 tasks are loaded into it and
``task project:办公室 list`` is timed alternately with ``govtui --unit 办公室``; the
first screen is timed alternately with a bare Textual app of the same shape
(``bare_probe.py``).  Each of the issue's goals is printed with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import build_store  # noqa: E402

GOVTUI = shutil.which("govtui", path=str(Path(sys.executable).parent)) or "govtui"
SAMPLES = sorted((ROOT / "data").glob("*.txt"))


def wall(cmd: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of a whole process, in seconds (one warm-up run first)."""
    times = []
    for i in range(runs + 1):
        began = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if i:
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def copy_store(source: Path, target: Path) -> None:
    """Copy a store: its file and, when it has one, the folder of its plans' parts."""
    shutil.copy(source, target)
    parts = source.with_name(source.name + ".parts")
    if parts.is_dir():
        shutil.copytree(parts, target.with_name(target.name + ".parts"))


def remove_store(path: Path) -> None:
    path.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".parts"), ignore_errors=True)
    for extra in path.parent.glob(path.name + ".*"):
        if extra.is_file():
            extra.unlink()


def import_time(store: Path | None, tmp: Path, env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        target = tmp / f"import-{uuid.uuid4().hex}.json"
        if store is not None:
            copy_store(store, target)
        began = time.perf_counter()
        subprocess.run([GOVTUI, "--db", str(target), "import", *map(str, SAMPLES)], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - began)
        remove_store(target)
    return statistics.median(times)


def opened_before(copy: Path, env: dict[str, str]) -> None:
    """Save the copy's lookup index, as any lookup (or a first start of the app) does: the app then
    draws its first screen from it, as it does on every start but the very first after a change."""
    subprocess.run([GOVTUI, "--db", str(copy), "plans"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)


def app_figures(store: Path, tmp: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        copy = tmp / f"app-{uuid.uuid4().hex}.json"
        copy_store(store, copy)
        opened_before(copy, env)
        out = subprocess.run([sys.executable, str(HERE / "app_probe.py"), str(copy)], env=env, capture_output=True,
                             text=True, check=True, timeout=600)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        remove_store(copy)
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def side_by_side(ours: list[str], env: dict[str, str], theirs: list[str], their_env: dict[str, str],
                 runs: int) -> tuple[float, float]:
    """Medians of two commands timed alternately, so that a noisy machine affects both alike."""
    mine, other = [], []
    for i in range(runs + 1):
        for cmd, environment, times in ((ours, env, mine), (theirs, their_env, other)):
            began = time.perf_counter()
            subprocess.run(cmd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if i:
                times.append(time.perf_counter() - began)
    return statistics.median(mine), statistics.median(other)


def first_screens(store: Path, tmp: Path, env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """govtui's first full screen and a bare Textual app's, timed alternately.

    Returns the two medians and the median of the pairwise ratios (govtui / bare).
    """
    ours, bare, ratios = [], [], []
    for i in range(runs + 1):
        copy = tmp / f"first-{uuid.uuid4().hex}.json"
        copy_store(store, copy)
        opened_before(copy, env)
        out = subprocess.run([sys.executable, str(HERE / "app_probe.py"), "--first-screen", str(copy)], env=env,
                             capture_output=True, text=True, check=True, timeout=600)
        remove_store(copy)
        mine = json.loads(out.stdout.strip().splitlines()[-1])["first_screen_s"]
        out = subprocess.run([sys.executable, str(HERE / "bare_probe.py")], env=env, capture_output=True, text=True,
                             check=True, timeout=600)
        theirs = json.loads(out.stdout.strip().splitlines()[-1])["first_screen_s"]
        if i:
            ours.append(mine)
            bare.append(theirs)
            ratios.append(mine / theirs)
    return statistics.median(ours), statistics.median(bare), statistics.median(ratios)


def taskwarrior(store: Path, tmp: Path) -> dict[str, str] | None:
    """Load the store's tasks into Taskwarrior (project = first unit); the environment to run it in."""
    if shutil.which("task") is None:
        return None
    from govtui.store.store import Store

    data = Store(store).raw()
    tasks = [{"description": t["text"][:80], "project": t["units"][0]["name"] if t["units"] else "none",
              "status": "pending", "entry": "20240101T000000Z", "uuid": str(uuid.uuid4())}
             for t in data["tasks"].values()]
    folder = tmp / "taskwarrior"
    (folder / "data").mkdir(parents=True)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(folder / "data")}
    export = folder / "tasks.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    subprocess.run(["task", "import", str(export)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return env


class Goal:
    """One goal of the issue: what is measured, the bound, and the verdict."""

    def __init__(self, figure: str, goal: str) -> None:
        self.figure, self.goal = figure, goal
        self.measured = "not run"
        self.passed: bool | None = None

    def set(self, measured: str, passed: bool) -> None:
        self.measured, self.passed = measured, passed

    def verdict(self) -> str:
        return "PASS" if self.passed else "FAIL" if self.passed is not None else "SKIP"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip 50,000 tasks; fewer runs")
    parser.add_argument("--large", action="store_true", help="add 200,000 tasks (slow: several minutes more)")
    parser.add_argument("--only", type=int, metavar="TASKS", help="measure this one size only (e.g. 50000)")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 50_000]
    if args.large:
        sizes.append(200_000)
    if args.only:
        sizes = [args.only]
    runs = 3 if args.quick else 7
    app_runs = 1 if args.quick else 3
    pairs = 3 if args.quick else 11  # first screens, govtui's and the bare app's in turn: the median of the ratios
    goals = {
        "lookup": Goal("quick lookup `govtui --unit 办公室` at 10,000, against Taskwarrior "
                       "`task project:办公室 list` (alternately)", "≤ 0.6×"),
        "json": Goal("`govtui --unit 办公室 --json` at 50,000", "≤ 0.5 s"),
        "first10": Goal("start to first full screen at 10,000, against a bare Textual app (alternately)", "≤ 1.3×"),
        "first50": Goal("start to first full screen at 50,000, against a bare Textual app (alternately)", "≤ 1.5×"),
        "memory": Goal("app peak memory at 50,000", "≤ 200 MB"),
        "durable": Goal("app status change durable on disk at 50,000", "≤ 0.2 s"),
    }

    with tempfile.TemporaryDirectory(prefix="govtui-bench-") as name:
        tmp = Path(name)
        env = {**os.environ, "GOVTUI_CACHE": str(tmp / "cache"), "GOVTUI_CONFIG": str(tmp / "config.json"),
               "COLUMNS": "120"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False,
                       stdout=subprocess.DEVNULL)
        rows: dict[str, dict[int, str]] = {}

        def put(label: str, size: int, value: str) -> None:
            rows.setdefault(label, {})[size] = value

        notes: list[str] = []
        for size in sizes:
            store = tmp / f"store-{size}.json"
            build_store(store, size)
            print(f"… {size:,} tasks", file=sys.stderr)
            n = runs if size < 200_000 else 3
            lookup = [GOVTUI, "--db", str(store), "--unit", "办公室"]
            put("quick lookup `govtui --unit 办公室` (s)", size, f"{wall(lookup, env, n):.3f}")
            json_s = wall([*lookup, "--json"], env, n)
            put("`govtui --unit 办公室 --json` (s)", size, f"{json_s:.3f}")
            put("`govtui plans` (s)", size, f"{wall([GOVTUI, '--db', str(store), 'plans'], env, n):.3f}")
            put("import both samples, empty store (s)", size, f"{import_time(None, tmp, env, n):.3f}")
            put("import both samples into this store (s)", size, f"{import_time(store, tmp, env, n):.3f}")
            app = app_figures(store, tmp, env, app_runs if size < 200_000 else 1)
            put("app: start to first full screen (s)", size, f"{app['first_screen_s']:.2f}")
            put("app: every task read and indexed, in the background (s)", size, f"{app['index_ready_s']:.2f}")
            put("app: unit filter → table redrawn (s)", size, f"{app['filter_unit_s']:.3f}")
            put("app: status filter → table redrawn (s)", size, f"{app['filter_status_s']:.3f}")
            put("app: search → table redrawn (s)", size, f"{app['filter_search_s']:.3f}")
            put("app: search keystroke → redrawn (s)", size, f"{app['search_keystroke_s']:.3f}")
            put("app: longest event-loop stall while filtering (s)", size, f"{app['loop_stall_max_s']:.3f}")
            put("app: status change durable on disk (s)", size, f"{app['status_durable_s']:.3f}")
            put("app: peak memory (MB)", size, f"{app['peak_memory_mb']:.0f}")
            if size in (10_000, 50_000):
                ours, bare, ratio = first_screens(store, tmp, env, pairs)
                goal = goals["first10" if size == 10_000 else "first50"]
                bound = 1.3 if size == 10_000 else 1.5
                goal.set(f"{ratio:.2f}× ({ours:.2f} s against {bare:.2f} s)", ratio <= bound)
            if size == 50_000:
                goals["json"].set(f"{json_s:.3f} s", json_s <= 0.5)
                goals["memory"].set(f"{app['peak_memory_mb']:.0f} MB", app["peak_memory_mb"] <= 200)
                goals["durable"].set(f"{app['status_durable_s']:.3f} s", app["status_durable_s"] <= 0.2)
            if size == 10_000:
                task_env = taskwarrior(store, tmp)
                if task_env is None:
                    goals["lookup"].measured = "Taskwarrior is not installed: not measured"
                    notes.append("Taskwarrior is not installed: no side-by-side lookup figure "
                                 "(apt-get install taskwarrior).")
                else:
                    ours, theirs = side_by_side(lookup, env, ["task", "project:办公室", "list"], task_env, runs * 2)
                    goals["lookup"].set(f"{ours / theirs:.2f}× ({ours:.3f} s against {theirs:.3f} s)",
                                        ours / theirs <= 0.6)
                    notes.append(f"Side by side on the same 10,000 tasks, timed alternately ({runs * 2} runs each): "
                                 f"`govtui --unit 办公室` {ours:.3f} s, Taskwarrior `task project:办公室 list` "
                                 f"{theirs:.3f} s.")

    header = ["figure", *(f"{s:,} tasks" for s in sizes)]
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; medians of {runs} runs (app: {app_runs}; "
          f"first screens: {pairs} pairs)\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for label, values in rows.items():
        print("| " + " | ".join([label, *(values.get(s, "") for s in sizes)]) + " |")
    print("\n| goal | bound | measured | verdict |\n|---|---|---|---|")
    for goal in goals.values():
        print(f"| {goal.figure} | {goal.goal} | {goal.measured} | {goal.verdict()} |")
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
