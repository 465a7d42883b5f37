"""Bring a store's first-screen file up to date, in a process of its own: ``python -m govtui.store.refresh STORE``.

The app hands this work over after its writes to a large store (see :class:`govtui.workbench.live.LiveStore`): read
with every task in memory, the file's counts and plans for 200,000 tasks would add some 45 MB to the app's peak for
a moment after each write.  Here they are read, patched from the parts new since, and saved in a second or so, and the
app stays small.  Nothing here writes the store; a store or file that cannot be read is left as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start(store: str | os.PathLike[str]) -> subprocess.Popen[bytes] | None:
    """Start the refresh of ``store``'s first screen in the background (``None``: it could not be started)."""
    try:
        return subprocess.Popen([sys.executable, "-m", "govtui.store.refresh", str(store)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
    except OSError:
        return None


def main(argv: list[str]) -> int:
    from govtui.store.errors import StoreError
    from govtui.store.reading import StoreReader

    if len(argv) != 1:
        print("用法 (usage): python -m govtui.store.refresh STORE", file=sys.stderr)
        return 2
    try:
        StoreReader(Path(argv[0])).bring_first_screen_up_to_date()
    except (OSError, StoreError, ValueError):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
