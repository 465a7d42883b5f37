"""The real ``govtui`` in a real terminal: tmux sessions on the test run's own server, read back
with capture-pane.  One launcher for every end-to-end test."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from .conftest import TMUX


class Terminal:
    def __init__(self, name: str, width: int, height: int) -> None:
        self.name = name
        self.width = width
        self.height = height

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = [*TMUX, "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        subprocess.run(args, check=True)

    def screen(self) -> str:
        return subprocess.run([*TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True,
                              check=True).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not on screen:\n{screen}")

    def resize(self, width: int, height: int) -> None:
        """Make the terminal ``width``×``height`` (the app gets SIGWINCH, as when a window is resized)."""
        subprocess.run([*TMUX, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)], check=True)
        self.width, self.height = width, height

    def alive(self) -> bool:
        return subprocess.run([*TMUX, "has-session", "-t", self.name], capture_output=True).returncode == 0


class Terminals:
    """Sessions started for one test (all closed at its end), each with the test's own home and settings."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.sessions: list[str] = []

    def start(self, command: str, width: int, height: int, env: dict[str, str] | None = None,
              exit_file: Path | None = None) -> Terminal:
        """Run ``command`` in a width×height terminal; its exit code goes to ``exit_file`` when given.
        The session stays open 30 s after the command ends, so its last screen can be read."""
        name = f"govtui-test-{uuid.uuid4().hex[:8]}"
        settings = {"HOME": str(self.home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                    "GOVTUI_CONFIG": str(self.home / "config.json"), **(env or {})}
        exported = [arg for key, value in settings.items() for arg in ("-e", f"{key}={value}")]
        record = f"; echo $? > {exit_file}" if exit_file is not None else ""
        wrapped = f"env -u COLUMNS -u LINES -u GOVTUI_DB {command}{record}; sleep 30"
        subprocess.run([*TMUX, "-u", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                        *exported, wrapped], check=True)
        self.sessions.append(name)
        subprocess.run([*TMUX, "resize-window", "-t", name, "-x", str(width), "-y", str(height)],
                       capture_output=True)
        return Terminal(name, width, height)

    def close(self) -> None:
        for name in self.sessions:
            subprocess.run([*TMUX, "kill-session", "-t", name], capture_output=True)


def until(condition: Callable[[], bool], timeout: float = 30.0, terminal: Terminal | None = None) -> None:
    """Wait for ``condition``; on a timeout the error shows ``terminal``'s screen (what the person saw)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            seen = f"; the screen:\n{terminal.screen()}" if terminal is not None else ""
            raise AssertionError(f"condition not reached in time{seen}")
        time.sleep(0.2)
