"""Run every govtui benchmark and print a table of figures (medians of several runs).

    python benchmarks/run.py              # 1,000, 10,000 and 50,000 tasks
    python benchmarks/run.py --quick      # 1,000 and 10,000 only, fewer runs

Stores are generated in a temporary folder by ``benchmarks/generate.py``.  When
Taskwarrior (``task``) is installed, the same 10,000 tasks are loaded into it and
``task project:办公室 list`` is timed in the same run for comparison.
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


def import_time(store: Path | None, tmp: Path, env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        target = tmp / f"import-{uuid.uuid4().hex}.json"
        if store is not None:
            shutil.copy(store, target)
        began = time.perf_counter()
        subprocess.run([GOVTUI, "--db", str(target), "import", *map(str, SAMPLES)], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - began)
        target.unlink()
    return statistics.median(times)


def app_figures(store: Path, tmp: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        copy = tmp / f"app-{uuid.uuid4().hex}.json"
        shutil.copy(store, copy)
        out = subprocess.run([sys.executable, str(HERE / "app_probe.py"), str(copy)], env=env, capture_output=True,
                             text=True, check=True, timeout=600)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        copy.unlink()
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


def taskwarrior(store: Path, tmp: Path) -> dict[str, str] | None:
    """Load the store's tasks into Taskwarrior (project = first unit); the environment to run it in."""
    if shutil.which("task") is None:
        return None
    data = json.loads(store.read_text(encoding="utf-8"))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip 50,000 tasks; fewer runs")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 50_000]
    runs = 3 if args.quick else 7
    app_runs = 1 if args.quick else 3

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

        taskwarrior_figure = None
        for size in sizes:
            store = tmp / f"store-{size}.json"
            build_store(store, size)
            print(f"… {size:,} tasks", file=sys.stderr)
            lookup = [GOVTUI, "--db", str(store), "--unit", "办公室"]
            put("quick lookup `govtui --unit 办公室` (s)", size, f"{wall(lookup, env, runs):.3f}")
            put("`govtui --unit 办公室 --json` (s)", size, f"{wall([*lookup, '--json'], env, runs):.3f}")
            put("`govtui plans` (s)", size, f"{wall([GOVTUI, '--db', str(store), 'plans'], env, runs):.3f}")
            put("import both samples, empty store (s)", size, f"{import_time(None, tmp, env, runs):.3f}")
            put("import both samples into this store (s)", size, f"{import_time(store, tmp, env, runs):.3f}")
            app = app_figures(store, tmp, env, app_runs)
            put("app: start to first full screen (s)", size, f"{app['first_screen_s']:.2f}")
            put("app: filter index ready, built in the background (s)", size, f"{app['index_ready_s']:.2f}")
            put("app: unit filter → table redrawn (s)", size, f"{app['filter_unit_s']:.3f}")
            put("app: status filter → table redrawn (s)", size, f"{app['filter_status_s']:.3f}")
            put("app: search → table redrawn (s)", size, f"{app['filter_search_s']:.3f}")
            put("app: search keystroke → redrawn (s)", size, f"{app['search_keystroke_s']:.3f}")
            put("app: longest event-loop stall while filtering (s)", size, f"{app['loop_stall_max_s']:.3f}")
            put("app: status change durable on disk (s)", size, f"{app['status_durable_s']:.3f}")
            put("app: peak memory (MB)", size, f"{app['peak_memory_mb']:.0f}")
            if size == 10_000:
                task_env = taskwarrior(store, tmp)
                if task_env is not None:
                    taskwarrior_figure = side_by_side(lookup, env, ["task", "project:办公室", "list"], task_env,
                                                      runs * 2)

    header = ["figure", *(f"{s:,} tasks" for s in sizes)]
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; medians of {runs} runs (app: {app_runs})\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for label, values in rows.items():
        print("| " + " | ".join([label, *(values.get(s, "") for s in sizes)]) + " |")
    if taskwarrior_figure is not None:
        ours, theirs = taskwarrior_figure
        print(f"\nSide by side on the same 10,000 tasks, timed alternately ({runs * 2} runs each): "
              f"`govtui --unit 办公室` {ours:.3f} s, Taskwarrior `task project:办公室 list` {theirs:.3f} s")
    else:
        print("\nTaskwarrior is not installed: no side-by-side figure (apt-get install taskwarrior).")


if __name__ == "__main__":
    main()
