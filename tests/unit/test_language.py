"""Speak the user's language: every message govtui prints is Chinese first (an English word beside it
where it helps).  The scan reads the source with :mod:`ast` and finds the string literals passed to the
places messages leave from — echo, stderr, ``fail``, notices, click's errors and option help, every
``*Error`` / ``*Exit`` a person may read — and fails on any that holds an English word and no Chinese;
help texts (``--help``) must start in Chinese.  click's own words are checked in ``cli.words``' table here
and, as people meet them, by running the real ``govtui`` in tests/safety/test_user_errors.py."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "govtui"

#: Calls whose string arguments a person reads.
MESSAGE_CALLS = {"echo", "secho", "fail", "notify", "say", "_say_later", "_later", "confirm", "prompt", "progressbar", "BadParameter",
                 "UsageError", "ClickException", "BadOptionUsage", "BadArgumentUsage", "NoSuchOption",
                 "FileError", "Abort", "LookupExit",
                 # Textual: what a screen shows in words
                 "Label", "Static", "Button", "Checkbox", "RadioButton", "Switch", "Hit", "DiscoveryHit", "SystemCommand",
                 "add_column", "add_columns"}
#: Lists whose items a person reads (``problems.append(...)``).
MESSAGE_LISTS = {"problems", "warnings", "errors", "skipped", "messages", "notices"}
#: Keyword arguments that are shown: click's help texts and labels, Textual's notice titles.
MESSAGE_KEYWORDS = {"help", "epilog", "label", "title", "sub_title", "short_help", "prompt", "message", "placeholder",
                    "description", "tooltip", "help_text", "border_title", "border_subtitle"}
#: Keyword arguments never shown as text (a notice's severity, a colour, an id …).
NOT_SHOWN = {"severity", "fg", "bg", "err", "id", "classes", "name", "markup", "default", "metavar",
             "param_hint", "encoding", "errors", "mode", "type", "style", "justify", "overflow", "key", "variant"}

#: (file, text) pairs that are not messages: none may reach a person.
ALLOWED: set[tuple[str, str]] = {
    ("domain/text.py", "opencc"),  # ImportError caught at once: the module name, to fall back without it
    ("tui/screens/help.py", "key"),  # a column of a table shown without its header
}

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{3,}")
#: What may stay in Latin letters even in a Chinese message: the program's name, commands and options
#: quoted in backticks, option names, placeholders of f-strings, file types and environment variables.
NOT_WORDS = [re.compile(p) for p in (r"`[^`]*`", r"--?[a-z][a-z-]*", r"\bgovtui\b", r"\$?GOVTUI_[A-Z_]+",
                                     r"\{\}", r"%\([a-z_]+\)[sd]", r"\.(?:json|txt|csv|xlsx|docx|md|html|pdf)\b",
                                     r"YYYY-MM-DD", r"https?://\S+")]


def literal_text(node: ast.expr) -> str | None:
    """The literal text of a string expression (f-string placeholders become ``{}``), else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal_text(node.left), literal_text(node.right)
        if left is None and right is None:
            return None
        return (left or "{}") + (right or "{}")
    return None


def literal_parts(node: ast.expr) -> Iterator[str]:
    """Every message text an argument may be: both arms of ``a if c else b``, ``x or "…"`` and so on."""
    if isinstance(node, ast.IfExp):
        yield from literal_parts(node.body)
        yield from literal_parts(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from literal_parts(value)
    elif isinstance(node, ast.List):
        for item in node.elts:
            yield from literal_parts(item)
    elif isinstance(node, ast.Starred):
        yield from literal_parts(node.value)
    else:
        text = literal_text(node)
        if text is not None:
            yield text


def callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def is_stderr_write(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "write" and isinstance(func.value, ast.Attribute)
            and func.value.attr in {"stderr", "stdout"})


def is_message_call(node: ast.Call) -> bool:
    name = callee(node)
    func = node.func
    listed = (name in {"append", "extend"} and isinstance(func, ast.Attribute)
              and ((isinstance(func.value, ast.Name) and func.value.id in MESSAGE_LISTS)
                   or (isinstance(func.value, ast.Attribute) and func.value.attr in MESSAGE_LISTS)))
    exception_init = (name == "__init__" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call)
                      and callee(func.value) == "super")  # an exception class making its own message
    return (name in MESSAGE_CALLS or name.endswith(("Error", "Exit", "Exception")) or is_stderr_write(node)
            or listed or exception_init)


def english_only(text: str) -> bool:
    if CJK.search(text):
        return False
    for pattern in NOT_WORDS:
        text = pattern.sub(" ", text)
    return bool(WORD.search(text))


def chinese_first(text: str) -> bool:
    """Chinese leads: the first word (past names of files, options and placeholders) is Chinese."""
    for pattern in [*NOT_WORDS, re.compile(r"\b[A-Z]{1,6}\b")]:
        text = pattern.sub(" ", text)
    first = re.search(rf"[A-Za-z]{{2,}}|{CJK.pattern}", text)
    return first is None or bool(CJK.match(first.group()))


def messages(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if callee(node) == "Binding":  # Binding(key, action, description, …): only the description is shown
            for text in literal_parts(node.args[2]) if len(node.args) > 2 else ():
                yield node.lineno, text
        elif is_message_call(node):
            for arg in node.args:
                for text in literal_parts(arg):
                    yield node.lineno, text
        for keyword in node.keywords:
            if keyword.arg in MESSAGE_KEYWORDS or (is_message_call(node) and keyword.arg not in NOT_SHOWN):
                for text in literal_parts(keyword.value):
                    yield node.lineno, text


def is_command(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef) and any(
        isinstance(d, ast.Call) and callee(d) in {"command", "group"} for d in node.decorator_list)


def help_texts(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """What ``--help`` shows: each command's docstring, line by line, and each option's help and the epilog.
    Lines that show a command (``govtui set 1-9 …``) are examples, not prose."""
    for node in ast.walk(tree):
        if is_command(node):
            for line in (ast.get_docstring(node) or "").splitlines():
                yield from prose(node.lineno, line)
        elif isinstance(node, ast.Call) and callee(node) in {"option", "argument", "command", "group"}:
            for keyword in node.keywords:
                if keyword.arg in {"help", "epilog", "short_help"}:
                    for text in literal_parts(keyword.value):
                        for line in text.splitlines():
                            yield from prose(node.lineno, line)


def prose(lineno: int, line: str) -> Iterator[tuple[int, str]]:
    """The words of one help line: an example command (``govtui set 1-9 …``) counts only for what is said
    beside it (after two spaces or more)."""
    line = line.strip()
    if not line or line == "\b":
        return
    if line.startswith("govtui"):
        parts = re.split(r"\s{2,}", line)
        if len(parts) > 1:
            yield lineno, parts[-1]
        return
    yield lineno, line


def english_messages() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = path.relative_to(SRC).as_posix()
        for line, text in messages(tree):
            if english_only(text) and (relative, text) not in ALLOWED:
                found.append(f"{relative}:{line}: {text!r}")
    return found


def english_first_help() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, text in help_texts(tree):
            if not chinese_first(text):
                found.append(f"{path.relative_to(SRC).as_posix()}:{line}: {text!r}")
    return found


def test_every_message_is_chinese() -> None:
    found = english_messages()
    assert not found, "English-only messages:\n" + "\n".join(found)


def test_help_teaches_in_chinese_first() -> None:
    found = english_first_help()
    assert not found, "help that starts in English:\n" + "\n".join(found)


def test_click_words_are_chinese_and_keep_their_placeholders() -> None:
    from govtui.cli.words import WORDS, gettext, ngettext

    placeholder = re.compile(r"\{[^}]*\}|%\([a-z]+\)s")
    for english, chinese in WORDS.items():
        assert CJK.search(chinese), english
        assert set(placeholder.findall(chinese)) <= set(placeholder.findall(english)), english
    assert gettext("Usage:") == "用法 (Usage):" and gettext("a message click adds later") == "a message click adds later"
    assert ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2).format(
        possibility="x", possibilities="'a', 'b'") == "(是不是要用其中之一 (did you mean): 'a', 'b'?)"


def test_the_scan_finds_english_and_passes_chinese() -> None:
    source = '''
import click, sys
def f():
    click.echo("no task matches", err=True)
    sys.stderr.write(f"{n} task(s); * marks the lead unit\\n")
    raise StoreError(f"no unit named {name!r}")
    fail("only " + str(n) + " backup(s) exist" if n else "没有备份 (no backups)")
    click.option("--x", help="Print JSON.")
    click.echo("没有匹配的任务 (no task matches)")
    click.echo(f"{plan.id}  {plan.title}")
    fail("用 `govtui units` 查看, 或 --yes")
'''
    found = [text for _, text in messages(ast.parse(source)) if english_only(text)]
    assert found == ["no task matches", "{} task(s); * marks the lead unit\n", "no unit named {}",
                     "only {} backup(s) exist", "Print JSON."]
    help_source = '''
@click.option("--a", help="Only this plan (只看这个计划).")
@click.option("--b", help="FILE.docx 或 FILE.md: 输出文件 (Word, Markdown).")
@cli.command(epilog="例:\\n  govtui --unit 办公室\\n  govtui                 open the app")
def cmd():
    """查看任务 (show): 一项任务的全部内容。

    Exit 0 when found.
    """
'''
    assert sorted(text for _, text in help_texts(ast.parse(help_source)) if not chinese_first(text)) == [
        "Exit 0 when found.", "Only this plan (只看这个计划).", "open the app"]
