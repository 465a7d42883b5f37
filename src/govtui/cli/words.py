"""click's own words in Chinese, English beside: usage errors, the help page's headings, the help option.

click marks every message it prints for translation with gettext (``_("No such option {name!r}.")``).
gettext would pick a translation by the locale, and a Chinese user over SSH often has ``LANG=C``: so
the translations live here as a plain table, and :func:`install` points click's ``_`` and ``ngettext``
at it.  A message the table does not hold (a newer click's) stays in English: nothing breaks, and the
tests that run the real ``govtui`` with a person's mistakes notice.
"""

from __future__ import annotations

import importlib

#: click's message → ours; the placeholders stay as click fills them.
WORDS: dict[str, str] = {
    # errors and how they are introduced
    "Error: {message}": "错误 (Error): {message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助 (for help)。",
    "Invalid value: {message}": "值无效 (invalid value): {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效 (invalid value): {message}",
    "Missing argument": "缺少参数 (missing argument)",
    "Missing option": "缺少选项 (missing option)",
    "Missing parameter": "缺少参数 (missing parameter)",
    "Missing {param_type}": "缺少 {param_type} (missing)",
    "Missing parameter: {param_name}": "缺少参数 (missing parameter): {param_name}",
    "Missing command.": "缺少命令 (missing command)。",
    "No such option {name!r}.": "没有选项 {name!r} (no such option)。",
    "No such command {name!r}.": "没有命令 {name!r} (no such command)。",
    "Did you mean {possibility}?": "是不是要用 {possibility}? (did you mean)",
    "(Did you mean one of: {possibilities}?)": "(是不是要用其中之一 (did you mean): {possibilities}?)",
    "Got unexpected extra argument ({args})": "多出了参数 (unexpected extra argument): {args}",
    "Got unexpected extra arguments ({args})": "多出了参数 (unexpected extra arguments): {args}",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值 (requires an argument)。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值 (requires {nargs} arguments)。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值 (does not take a value)。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值 (takes {nargs} values)。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值, 但只给了 1 个 (wrong number of values)。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值, 但给了 {len} 个 (wrong number of values)。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r} (could not open file): {message}",
    "unknown error": "未知错误 (unknown error)",
    "Aborted!": "已中止 (aborted)!",
    "Error: invalid input": "错误 (Error): 输入无效 (invalid input)",
    # values that do not fit a parameter's type
    "{value!r} is not {choice}.": "{value!r} 不是 {choice} (not a valid choice)。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 中 (not one of the choices)。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内 (out of range)。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字 (not a valid {number_type})。",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的是/否值 (not a boolean); 可用: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在 (does not exist)。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件, 这里需要文件夹 (is a file)。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹, 这里需要文件 (is a folder)。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读 (not readable)。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写 (not writable)。",
    "file": "文件 (file)",
    "directory": "文件夹 (directory)",
    "path": "路径 (path)",
    # the help page
    "Usage:": "用法 (Usage):",
    "Options": "选项 (Options)",
    "Commands": "命令 (Commands)",
    "Positional arguments": "参数 (Arguments)",
    "Show this message and exit.": "显示本帮助并退出 (show this help)。",
    "Show the version and exit.": "显示版本并退出 (show the version)。",
    "default: {default}": "默认 (default): {default}",
    "env var: {var}": "环境变量 (env var): {var}",
    "required": "必填 (required)",
}

#: click's modules that print words through gettext.
MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting", "click.decorators",
           "click.termui")


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    message = singular if n == 1 else plural
    return WORDS.get(message, message)


def install() -> None:
    """Make click speak Chinese in this process (idempotent; modules click does not have are passed over)."""
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
