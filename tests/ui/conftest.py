from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..terminal import Terminals


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (writes and reloads happen in workers)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)


@pytest.fixture
def terminals(isolated_env: Path) -> Iterator[Terminals]:
    """Start the app (or any command) in real terminals; every session is closed after the test."""
    started = Terminals(isolated_env)
    yield started
    started.close()


def tree_node(app, plan: str, section: str | None = None):  # type: ignore[no-untyped-def]
    """The section tree's node of a plan (``section`` None) or of one of its sections."""
    from govtui.tui.widgets.section_tree import SectionTree

    tree = app.main.query_one(SectionTree)
    return next(n for n in tree._tree_nodes.values()
                if n.data is not None and n.data.plan == plan and n.data.section == section)
