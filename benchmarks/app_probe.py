"""Measure the app on one store, headless, and print the figures as JSON.

    python benchmarks/app_probe.py STORE.json
    python benchmarks/app_probe.py --first-screen STORE.json   # stop at the first full screen

Run in its own process so that start-up includes importing Textual, and peak memory
is the app's own.  Timings are wall-clock seconds.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402


async def probe(path: str, first_only: bool = False) -> dict[str, float]:
    from govtui.domain.model import Status
    from govtui.store.store import Store
    from govtui.tui.app import make_app
    from govtui.tui.widgets.task_table import TaskTable
    from govtui.workbench.view import FilterLayer

    figures: dict[str, float] = {}
    store = Store(path)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        # Until the screen has handled what was queued and been drawn once (not until the process is
        # idle: govtui reads the whole store in the background after its first screen).
        await pilot.pause(0)
        table = app.main.query_one(TaskTable)
        assert table.tasks, "no tasks on the first screen"
        for y in range(table.size.height):  # the first full screen, rendered
            table.render_line(y)
        figures["first_screen_s"] = time.perf_counter() - START
        if first_only:  # the process ends here, as the bare app's does (timed whole, it is the first screen)
            print(json.dumps(figures), flush=True)
            os._exit(0)
        # the filter index is built in the background after the first screen; filters wait for it
        while not app.workbench.index_current():
            await asyncio.sleep(0.01)
        figures["index_ready_s"] = time.perf_counter() - START

        # The event loop's longest stall while filters run: a ticker notes its lateness.
        worst = [0.0]
        stop = asyncio.Event()

        async def ticker() -> None:
            while not stop.is_set():
                before = time.perf_counter()
                await asyncio.sleep(0.005)
                worst[0] = max(worst[0], time.perf_counter() - before - 0.005)

        ticking = asyncio.create_task(ticker())
        main = app.main

        async def timed(name: str, change) -> None:  # type: ignore[no-untyped-def]
            runs = []
            for _ in range(5):
                main.action_clear_all()
                await pilot.pause()
                began = time.perf_counter()
                change()
                await pilot.pause()
                runs.append(time.perf_counter() - began)
            figures[name] = sorted(runs)[len(runs) // 2]

        office = FilterLayer.units("办公室", frozenset({"办公室"}), None)
        await timed("filter_unit_s", lambda: main.set_filter("unit", office))
        await timed("filter_status_s", lambda: main.set_filter("status", FilterLayer.status("doing")))
        await timed("filter_search_s", lambda: main.set_filter("search", FilterLayer.search("政策解读")))
        # a search typed one key at a time (the index of search texts is built by the first one)
        runs = []
        for text in ("政", "政策", "政策解", "政策解读"):
            began = time.perf_counter()
            main.set_filter("search", FilterLayer.search(text))
            await pilot.pause()
            runs.append(time.perf_counter() - began)
        figures["search_keystroke_s"] = sorted(runs)[len(runs) // 2]
        stop.set()
        await ticking
        figures["loop_stall_max_s"] = worst[0]

        # one status change, until the store file on disk has been replaced: watched from a thread of its
        # own, so that the screen's redrawing meanwhile (on the event loop) is not counted as the write's
        main.action_clear_all()
        await pilot.pause()
        task = table.current
        assert task is not None
        key = store.storage.stat_key()
        durable: list[float] = []

        def watch() -> None:
            while store.storage.stat_key() == key:
                time.sleep(0.001)
            durable.append(time.perf_counter())

        watcher = threading.Thread(target=watch)
        watcher.start()
        began = time.perf_counter()
        app.workbench.set_status(task, Status.DONE if task.status is not Status.DONE else Status.DOING)
        await pilot.pause()
        figures["status_redrawn_s"] = time.perf_counter() - began
        while watcher.is_alive():
            await asyncio.sleep(0.001)
        figures["status_durable_s"] = durable[0] - began
        await app.workers.wait_for_complete()
    figures["peak_memory_mb"] = peak_memory_mb()
    # a large store's first-screen file is brought up to date after the write by a process of its own: let it end
    # here, so that it is not still running when the next measure starts
    from govtui.store import first_screen
    began = time.perf_counter()
    while time.perf_counter() - began < 60:
        saved = first_screen.load(store.path)
        if saved is None or saved.key == store.storage.stat_key():
            break
        await asyncio.sleep(0.05)
    return figures


def peak_memory_mb() -> float:
    """This process's peak resident memory since it started: the kernel's high-water mark of its own address space
    (``VmHWM``).  Not ``getrusage``'s ``ru_maxrss``, which Linux keeps across ``execve``: a probe started by a large
    parent (``run.py`` holds the store it generated) would report the parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    only = "--first-screen" in sys.argv
    print(json.dumps(asyncio.run(probe(next(a for a in sys.argv[1:] if a != "--first-screen"), only))))
