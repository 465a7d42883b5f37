from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.importers import read_plan
from govtui.store import Store

from ..conftest import PROSE_SAMPLE, TABLE_SAMPLE


@pytest.fixture
def store(db: Path) -> Store:
    s = Store(db)
    s.import_plan(read_plan(TABLE_SAMPLE))
    s.import_plan(read_plan(PROSE_SAMPLE))
    return s


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (writes and reloads happen in workers)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)
