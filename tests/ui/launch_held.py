"""Run the real app on a large store whose load is held at two gates (files), for the tmux test of keys
typed during a slow load: ``python launch_held.py STORE GATES_DIR``.

Gate 1 holds the background read (the first screen is up, the loop answers keys); gate 2 then holds the
event loop itself where the loaded store is shown (keys pile up in the terminal, as on a slow machine).
``GATES_DIR/blocked`` appears once the loop is held; ``GATES_DIR/keys`` gets a line for each key the terminal
driver has read (a loaded machine may deliver typed keys late: the test waits for them before opening gate 2).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from textual import events
from textual.driver import Driver

from govtui.store.store import Store
from govtui.tui.app import make_app


def wait_for(gate: Path) -> None:
    while not gate.exists():
        time.sleep(0.05)


def count_keys(keys: Path) -> None:
    """Each key event the driver's thread sends to the app adds a line to ``keys``."""
    send = Driver.send_message

    def counted(self: Driver, message):  # type: ignore[no-untyped-def]
        if isinstance(message, events.Key):
            with keys.open("a", encoding="utf-8") as out:
                out.write(f"{message.key}\n")
        send(self, message)

    Driver.send_message = counted  # type: ignore[method-assign]


def main() -> None:
    store, gates = Store(sys.argv[1]), Path(sys.argv[2])
    count_keys(gates / "keys")
    whole = store.snapshot

    def held_read():  # type: ignore[no-untyped-def]
        wait_for(gates / "read")
        return whole()

    store.snapshot = held_read  # type: ignore[method-assign]
    app = make_app(store)
    assert app.workbench.loading, "the store is too small for a first screen read in the background"
    shown = app.workbench._show_loaded

    def held_show(snap, index):  # type: ignore[no-untyped-def]
        (gates / "blocked").touch()
        wait_for(gates / "show")  # the event loop is held here: typed keys wait in the terminal
        return shown(snap, index)

    app.workbench._show_loaded = held_show  # type: ignore[method-assign]
    app.run()


if __name__ == "__main__":
    main()
