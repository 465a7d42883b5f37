"""Run every govtui benchmark and print a table of figures (medians of several runs).

    python benchmarks/run.py              # 1,000, 10,000 and 50,000 tasks
    python benchmarks/run.py --large      # and 200,000 tasks (a province's plans over ten years)
    python benchmarks/run.py --quick      # 1,000 and 10,000 only, fewer runs
    python benchmarks/run.py --only 50000 # one size

Stores are generated in a temporary folder by ``benchmarks/generate.py``; beside them, the
*seed store* (``benchmarks/seed_store.py``: the seed table imported 455 times under different
organisations, 10,010 tasks, ``govtui --unit 办公室`` printing 6,370 rows).  When Taskwarrior
(``task``) is installed, the seed store's tasks are loaded into it and ``task project:办公室 list``
is timed alternately with ``govtui --unit 办公室``.  The first full screen is measured by the shared
reference benchmark (``shared/bench/first_screen.py``: govtui and the reference bare Textual app in
tmux at 160×48, alternately), on a store as it is and on the first start after a change made in the
app, after a CLI import, and with the lookup index missing.  Each of the issue's goals is printed
with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import build_store  # noqa: E402
from seed_store import build_seed_store, large_documents, write_documents  # noqa: E402

GOVTUI = shutil.which("govtui", path=str(Path(sys.executable).parent)) or "govtui"
SAMPLES = sorted((ROOT / "data").glob("*.txt"))
#: The shared reference benchmark of the first full screen (``GOVTUI_FIRST_SCREEN`` to point elsewhere).
FIRST_SCREEN = Path(os.environ.get("GOVTUI_FIRST_SCREEN", ROOT.parent / "shared" / "bench" / "first_screen.py"))


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


def terminal_env(env: dict[str, str]) -> dict[str, str]:
    """The environment of a program in tmux: the terminal's own size (``COLUMNS`` would narrow the bare app's
    table below what the shared benchmark expects, and hide the marker it waits for)."""
    return {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}


def shared_first_screen(store: Path, env: dict[str, str], bound: float) -> tuple[float, float, float] | None:
    """The shared reference benchmark, run as it is: govtui's first full screen against the reference bare
    app (7 pairs, alternately, medians).  Returns govtui's and the bare app's seconds and their ratio."""
    if not FIRST_SCREEN.is_file() or shutil.which("tmux") is None:
        return None
    env = terminal_env(env)
    for _ in range(2):  # once more if tmux failed to start a session
        out = subprocess.run([sys.executable, str(FIRST_SCREEN), str(store), str(bound)], env=env,
                             capture_output=True, text=True, timeout=1800, check=False)
        found = re.search(r"govtui (\d+) ms, bare Textual app (\d+) ms", out.stdout)
        if found is not None:
            break
    if found is None:
        raise SystemExit(f"the first-screen benchmark failed:\n{out.stdout}{out.stderr}")
    ours, theirs = int(found.group(1)) / 1000, int(found.group(2)) / 1000
    return ours, theirs, ours / theirs


def first_screen_after(store: Path, env: dict[str, str], prepare: Callable[[int], None],
                       pairs: int) -> tuple[float, float, float] | None:
    """The shared benchmark's own measure (its ``first_screen``, its bare app, its terminal size and markers),
    with ``prepare(i)`` run before each start of govtui: a change, an import, the index removed.

    The shared script's definitions (everything before its run loop) are executed here, so the method
    is the shared one; only the loop differs, calling ``prepare`` before govtui's turn."""
    if not FIRST_SCREEN.is_file() or shutil.which("tmux") is None:
        return None
    source = FIRST_SCREEN.read_text(encoding="utf-8")
    head, found, _ = source.partition("\npy = ")
    if not found or "def first_screen" not in head:
        raise SystemExit(f"{FIRST_SCREEN} is not laid out as expected (definitions, then `py = …`)")
    env = terminal_env(env)
    namespace: dict[str, Any] = {"__name__": "shared_first_screen"}
    saved_argv, saved_env = sys.argv, dict(os.environ)
    try:
        sys.argv = [str(FIRST_SCREEN), str(store)]
        os.environ.clear()
        os.environ.update(env)
        exec(compile(head, str(FIRST_SCREEN), "exec"), namespace)
        first_screen = namespace["first_screen"]
        bare_cmd = f"{sys.executable} {namespace['bare']}"
        ours_cmd = f"{GOVTUI} --db {store}"
        a_marker, b_marker = ["状态", "1-1"], ["状态", "基准行"]
        prepare(-1)
        first_screen(ours_cmd, a_marker)
        first_screen(bare_cmd, b_marker)
        ours, bare, ratios = [], [], []
        for i in range(pairs):
            prepare(i)
            a = first_screen(ours_cmd, a_marker)
            b = first_screen(bare_cmd, b_marker)
            if a is None or b is None:
                raise SystemExit(f"a screen never appeared (govtui {a}, bare {b})")
            ours.append(a)
            bare.append(b)
            ratios.append(a / b)
    finally:
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
    return statistics.median(ours), statistics.median(bare), statistics.median(ours) / statistics.median(bare)


def change_in_app(store: Path) -> Callable[[int], None]:
    """A status change as the app makes it (``Store.set_status``, the call behind its keys 1–4), in turn
    on a task of the first plan and one of the last."""
    from govtui.domain.model import Status
    from govtui.domain.snapshot import plan_id_key
    from govtui.store.parts import manifest_layout
    from govtui.store.store import Store

    def prepare(i: int) -> None:
        writer = Store(store)
        # the plans from the store's manifest: a lookup (``plan_rows``) would rebuild the lookup index the change
        # made stale, writing 230 MB at 200,000 tasks just before the start is timed — which no change in the app does
        plans = sorted((key for key in manifest_layout(store) or {} if key != "_"), key=plan_id_key) \
            or [str(r["id"]) for r in writer.plan_rows()]  # "_": the part of records of no plan
        plan = plans[0 if i % 2 else -1]
        statuses = (Status.DOING, Status.DONE)
        writer.set_status(f"{plan}-1", statuses[i % 2])
    return prepare


def cli_import(store: Path, tmp: Path, env: dict[str, str]) -> Callable[[int], None]:
    """``govtui import`` of a new plan (the seed table under another organisation) before each start."""
    folder = tmp / f"imports-{uuid.uuid4().hex}"
    folder.mkdir()
    documents = write_documents(folder, 40)[20:]  # organisations the seed store does not hold

    def prepare(i: int) -> None:
        subprocess.run([GOVTUI, "--db", str(store), "import", str(documents[i + 1])], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return prepare


def index_removed(store: Path, env: dict[str, str]) -> Callable[[int], None]:
    """The lookup index (its index and documents files) removed before each start; the first screen's own
    file stays (without it too, the first start reads every part: see the README)."""
    from govtui.store.lookup_index import docs_path, index_path

    def prepare(i: int) -> None:
        for path in (index_path(store), docs_path(store)):
            path.unlink(missing_ok=True)
    return prepare


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


def import_figures(tmp: Path, env: dict[str, str], runs: int) -> tuple[float, float, float, bool, bool]:
    """A 300-task document imported into an empty store (the slower of the table and the prose, median, whole
    process); seconds per document importing 10 and 100 documents in one command; whether the 100 show a
    progress bar on a terminal, and print nothing of it when stderr is not one."""
    import pty

    folder = tmp / f"docs-{uuid.uuid4().hex}"
    folder.mkdir()
    large = large_documents(folder)
    worst = 0.0
    for document in large:
        times = []
        for _ in range(runs):
            target = tmp / f"import-{uuid.uuid4().hex}.json"
            began = time.perf_counter()
            subprocess.run([GOVTUI, "--db", str(target), "import", str(document)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - began)
            remove_store(target)
        worst = max(worst, statistics.median(times))
    documents = write_documents(folder, 100)
    per_doc = []
    for count in (10, 100):
        target = tmp / f"import-{uuid.uuid4().hex}.json"
        began = time.perf_counter()
        subprocess.run([GOVTUI, "--db", str(target), "import", *map(str, documents[:count])], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        per_doc.append((time.perf_counter() - began) / count)
        remove_store(target)
    # on a terminal (stderr a pseudo-terminal): the bar; piped: none of it
    target = tmp / f"import-{uuid.uuid4().hex}.json"
    parent, child = pty.openpty()
    proc = subprocess.Popen([GOVTUI, "--db", str(target), "import", *map(str, documents)], env=env,
                            stdout=subprocess.DEVNULL, stderr=child)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait()
    os.close(parent)
    remove_store(target)
    shown = b"100/100" in seen or b"100%" in seen
    target = tmp / f"import-{uuid.uuid4().hex}.json"
    piped = subprocess.run([GOVTUI, "--db", str(target), "import", *map(str, documents)], env=env,
                           stdout=subprocess.DEVNULL, capture_output=False, stderr=subprocess.PIPE, check=True).stderr
    remove_store(target)
    quiet = b"%" not in piped and "读取文档".encode() not in piped
    return worst, per_doc[0], per_doc[1], shown, quiet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip 50,000 tasks; fewer runs")
    parser.add_argument("--large", action="store_true", help="add 200,000 tasks (slow: several minutes more)")
    parser.add_argument("--only", type=int, metavar="TASKS", help="measure this one size only (e.g. 50000)")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed store (and the goals measured on it)")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 50_000]
    if args.large:
        sizes.append(200_000)
    if args.only:
        sizes = [args.only]
    runs = 3 if args.quick else 7
    app_runs = 1 if args.quick else 3
    pairs = 5 if args.quick else 7  # first screens after a write: govtui's and the bare app's in turn
    goals = {
        "lookup": Goal("quick lookup `govtui --unit 办公室` on the seed store (10,010 tasks, 6,370 rows), against "
                       "Taskwarrior `task project:办公室 list` (alternately)", "≤ 0.4×"),
        "lookup200": Goal("quick lookup `govtui --unit 办公室` at 200,000", "≤ 0.3 s"),
        "first10": Goal("first full screen on the seed store (10,010 tasks), against the reference bare app "
                        "(shared benchmark, alternately)", "≤ 1.15×"),
        "first10_change": Goal("… the first start after a change made in the app", "≤ 1.15×"),
        "first10_import": Goal("… the first start after a CLI import", "≤ 1.15×"),
        "first10_index": Goal("… the first start with the lookup index missing", "≤ 1.15×"),
        "first200": Goal("first full screen at 200,000, against the reference bare app", "≤ 1.3×"),
        "first200_change": Goal("… the first start after a change made in the app", "≤ 1.3×"),
        "first200_import": Goal("… the first start after a CLI import", "≤ 1.3×"),
        "first200_index": Goal("… the first start with the lookup index missing", "≤ 1.3×"),
        "memory": Goal("app peak memory at 200,000", "≤ 250 MB"),
        "durable": Goal("app status change durable on disk at 200,000", "≤ 0.1 s"),
        "import300": Goal("import a 300-task document (table and prose, the slower), process start included",
                          "≤ 1 s"),
        "import100": Goal("import 100 documents in one command: seconds per document against 10 in one command",
                          "≤ 1.3×"),
        "progress": Goal("import 100 documents: a progress bar on a terminal (stderr), none when piped", "shown"),
    }
    bounds = {"first10": 1.15, "first200": 1.3}

    with tempfile.TemporaryDirectory(prefix="govtui-bench-") as name:
        tmp = Path(name)
        env = {**os.environ, "GOVTUI_CONFIG": str(tmp / "config.json"),  # derived files beside each store, as users
               "XDG_CACHE_HOME": str(tmp / "cache"),  # have them (no GOVTUI_CACHE); the user cache folder of our own
               "COLUMNS": "120", "TMUX_TMPDIR": str(tmp),  # a tmux server of our own, started with this env
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("GOVTUI_CACHE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False,
                       stdout=subprocess.DEVNULL)
        rows: dict[str, dict[int | str, str]] = {}
        columns: list[int | str] = []

        def put(label: str, size: int | str, value: str) -> None:
            if size not in columns:
                columns.append(size)
            rows.setdefault(label, {})[size] = value

        notes: list[str] = []
        # a session that stays, so that our tmux server does not exit (and race the next start) between runs
        # (started in the terminal's environment: the server's is what its sessions' programs get)
        subprocess.run(["tmux", "new-session", "-d", "-s", "keeper", "sleep", "86400"], env=terminal_env(env),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            measure(args, sizes, runs, app_runs, pairs, goals, bounds, tmp, env, put, notes)
        finally:
            subprocess.run(["tmux", "kill-server"], env=env, check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    print_results(columns, rows, goals, notes, runs, app_runs, pairs)


def measure(args: argparse.Namespace, sizes: list[int], runs: int, app_runs: int, pairs: int, goals: dict[str, Goal],
            bounds: dict[str, float], tmp: Path, env: dict[str, str], put: Callable[[str, int | str, str], None],
            notes: list[str]) -> None:
    """Every figure and goal: the seed store's, then each generated size's."""

    def first_goals(store: Path, prefix: str) -> None:
        """The first full screen by the shared benchmark: as it is, after a change in the app, after a CLI
        import, with the lookup index missing (each on a copy of the store)."""
        bound = bounds[prefix]
        result = shared_first_screen(store, env, bound)
        if result is None:
            goals[prefix].measured = "tmux or the shared benchmark missing: not measured"
            return
        ours, theirs, ratio = result
        goals[prefix].set(f"{ratio:.2f}× ({ours:.3f} s against {theirs:.3f} s)", ratio <= bound)
        makers: list[tuple[str, Callable[[Path], Callable[[int], None]]]] = [
            ("_change", change_in_app), ("_import", lambda s: cli_import(s, tmp, env)),
            ("_index", lambda s: index_removed(s, env))]
        for suffix, make in makers:
            copy = tmp / f"first-{uuid.uuid4().hex}.json"
            copy_store(store, copy)
            opened_before(copy, env)
            found = first_screen_after(copy, env, make(copy), pairs)
            remove_store(copy)
            if found is not None:
                ours, theirs, ratio = found
                goals[prefix + suffix].set(f"{ratio:.2f}× ({ours:.3f} s against {theirs:.3f} s)", ratio <= bound)

    if not args.no_seed and not args.only:
        seed = tmp / "seed.json"
        print("… the seed store (10,010 tasks)", file=sys.stderr)
        build_seed_store(seed, env=env)
        opened_before(seed, env)
        lookup = [GOVTUI, "--db", str(seed), "--unit", "办公室"]
        put("quick lookup `govtui --unit 办公室` (s)", "seed", f"{wall(lookup, env, runs):.3f}")
        put("`govtui --unit 办公室 --json` (s)", "seed", f"{wall([*lookup, '--json'], env, runs):.3f}")
        put("`govtui plans` (s)", "seed", f"{wall([GOVTUI, '--db', str(seed), 'plans'], env, runs):.3f}")
        task_env = taskwarrior(seed, tmp)
        if task_env is None:
            goals["lookup"].measured = "Taskwarrior is not installed: not measured"
            notes.append("Taskwarrior is not installed: no side-by-side lookup figure "
                         "(apt-get install taskwarrior).")
        else:
            ours, theirs = side_by_side(lookup, env, ["task", "project:办公室", "list"], task_env, runs * 2)
            goals["lookup"].set(f"{ours / theirs:.2f}× ({ours:.3f} s against {theirs:.3f} s)",
                                ours / theirs <= 0.4)
            notes.append(f"Side by side on the seed store, timed alternately ({runs * 2} runs each): "
                         f"`govtui --unit 办公室` {ours:.3f} s, Taskwarrior `task project:办公室 list` "
                         f"{theirs:.3f} s.")
        first_goals(seed, "first10")
        worst, ten, hundred, shown, quiet = import_figures(tmp, env, runs)
        goals["import300"].set(f"{worst:.3f} s", worst <= 1.0)
        goals["import100"].set(f"{hundred / ten:.2f}× ({hundred:.3f} s a document against {ten:.3f} s)",
                               hundred / ten <= 1.3)
        goals["progress"].set(f"on a terminal: {'shown' if shown else 'not shown'}; piped: "
                              f"{'nothing' if quiet else 'printed'}", shown and quiet)

    for size in sizes:
        store = tmp / f"store-{size}.json"
        build_store(store, size)
        print(f"… {size:,} tasks", file=sys.stderr)
        n = runs if size < 200_000 else 3
        lookup = [GOVTUI, "--db", str(store), "--unit", "办公室"]
        opened_before(store, env)
        lookup_s = wall(lookup, env, n)
        put("quick lookup `govtui --unit 办公室` (s)", size, f"{lookup_s:.3f}")
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
        put("app: status change → screen redrawn (s)", size, f"{app['status_redrawn_s']:.3f}")
        put("app: peak memory (MB)", size, f"{app['peak_memory_mb']:.0f}")
        if size == 200_000:
            goals["lookup200"].set(f"{lookup_s:.3f} s", lookup_s <= 0.3)
            goals["memory"].set(f"{app['peak_memory_mb']:.0f} MB", app["peak_memory_mb"] <= 250)
            goals["durable"].set(f"{app['status_durable_s']:.3f} s", app["status_durable_s"] <= 0.1)
            first_goals(store, "first200")
        remove_store(store)


def print_results(columns: list[int | str], rows: dict[str, dict[int | str, str]], goals: dict[str, Goal],
                  notes: list[str], runs: int, app_runs: int, pairs: int) -> None:
    header = ["figure", *(f"{s:,} tasks" if isinstance(s, int) else "seed store (10,010)" for s in columns)]
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; medians of {runs} runs (app: {app_runs}; first screens: "
          f"the shared benchmark's 7 pairs, {pairs} pairs after a write)\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for label, values in rows.items():
        print("| " + " | ".join([label, *(values.get(s, "") for s in columns)]) + " |")
    print("\n| goal | bound | measured | verdict |\n|---|---|---|---|")
    for goal in goals.values():
        print(f"| {goal.figure} | {goal.goal} | {goal.measured} | {goal.verdict()} |")
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
