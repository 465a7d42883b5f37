"""The ``govtui`` entry point: a plain lookup is answered without loading click; all else goes to click."""

from __future__ import annotations

import os
import sys


def _utf8_everywhere() -> None:
    """Under a C/POSIX locale (common over SSH) Python would decode Chinese arguments as surrogates and
    refuse to print Chinese: read arguments as UTF-8 and write UTF-8, as the terminal does."""
    for i, arg in enumerate(sys.argv):
        if any("\udc80" <= c <= "\udcff" for c in arg):
            raw = arg.encode("utf-8", "surrogateescape")
            for encoding in ("utf-8", "gb18030"):
                try:
                    sys.argv[i] = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:  # neither: said now, never carried into the store (where it could not be written)
                sys.stderr.write(f"govtui: 第 {i} 个参数既不是 UTF-8 也不是 GB18030 文本 (an argument is not "
                                 "UTF-8): 请检查终端的编码; 未作修改\n")
                sys.exit(2)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if encoding in ("ascii", "ansix3.41968", "usascii", "646") and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


#: Ctrl+C: 128 + SIGINT, as shells report it (1 would read as "nothing matched").
EXIT_INTERRUPTED = 130
#: The app ended on an internal error (as :data:`govtui.cli.support.EXIT_CRASH`).
EXIT_CRASH = 3


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl+C at a prompt or during a long command: one line and exit 130 (a change being written is
    committed whole or not at all: the store's writes are atomic)."""
    sys.stderr.write("\ngovtui: 已中断 (interrupted)\n")
    raise SystemExit(EXIT_INTERRUPTED)


def _keep_bytecode() -> None:
    """govtui's modules are compiled once and kept, as pip keeps an installed package's, also where
    ``PYTHONDONTWRITEBYTECODE`` is set (many servers and containers set it): run from its source (an
    editable install) govtui would otherwise compile its ~130 modules at every start, about 0.1 s of a
    lookup's or the first screen's time.  Python skips the write where the folder is not writable."""
    sys.dont_write_bytecode = False


def main() -> None:
    import signal

    _keep_bytecode()
    signal.signal(signal.SIGINT, _interrupted)
    _utf8_everywhere()
    from govtui.domain.streams import guard_output

    guard_output()
    if os.environ.get("GOVTUI_FAST_LOOKUP", "1") != "0" and not os.environ.get("_GOVTUI_COMPLETE"):
        from govtui.cli.lookup import parse_fast

        args = parse_fast(sys.argv[1:])
        if args is not None:
            from govtui.domain.paths import db_path

            path, _ = db_path(args.db)
            if path.exists():  # a new default store is created (with the samples) by the full CLI
                sys.exit(_fast(path, args))
        code = _app_fast(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from govtui.cli.main import main as cli_main

    cli_main()


def _fast(path: object, args: object) -> int:
    from govtui.cli.lookup import LookupExit, run_lookup
    from govtui.store.errors import StoreError
    from govtui.store.store import Store

    try:
        return run_lookup(Store(path), args)  # type: ignore[arg-type]
    except LookupExit as exc:
        sys.stderr.write("".join(f"{line}\n" for line in exc.lines))
        return exc.code
    except StoreError as exc:
        sys.stderr.write(f"govtui: {exc}\n")
        return 2
    except BrokenPipeError:  # `govtui --unit 办公室 | head`
        sys.stderr.close()
        return 0


def _app_fast(argv: list[str]) -> int | None:
    """``govtui`` or ``govtui --db STORE`` on a terminal, for a store that exists: the app, opened without
    loading click (a tenth of the time to the first screen).  ``None`` for anything else, or when the
    store cannot be opened: then click opens it, or says why not, as usual."""
    if argv and not (len(argv) == 2 and argv[0] == "--db") and not (len(argv) == 1 and argv[0].startswith("--db=")):
        return None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    import gc

    # No cycle collection until the first screen is drawn (the app enables it again then): the start
    # makes a great many objects and frees few, and the collector's passes over them took about a
    # tenth of the time to the first screen.
    gc.disable()
    from govtui.domain.paths import db_path
    from govtui.store.errors import StoreError
    from govtui.store.store import Store, today

    db = (argv[1] if len(argv) == 2 else argv[0].partition("=")[2]) if argv else os.environ.get("GOVTUI_DB") or None
    if db == "":
        return None
    path, _ = db_path(db)
    if not path.is_file():  # a new default store is created (with the samples) by the full CLI
        return None
    try:
        today()  # a bad GOVTUI_TODAY is said by click's path
        from govtui.tui.app import crash_note, make_app

        app = make_app(Store(path))
    except (StoreError, OSError):
        gc.enable()
        return None
    from govtui.domain.streams import unguarded_output

    unguarded_output()  # the app draws with escape sequences of its own; its text is cleaned as it is drawn
    app.run()
    if app.return_code:
        sys.stderr.write(crash_note(path) + "\n")
        return EXIT_CRASH
    return 0
