"""The app's actions as data: key, action, Chinese and English description.

One list feeds the main screen's bindings, the footer, the help screen and the
command palette, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeyAction:
    key: str
    action: str
    zh: str
    en: str
    footer: bool = False
    #: Also works on the task opened full-screen (``Enter``), on that task.
    in_view: bool = False
    #: The footer's label (``zh`` is for help and the palette): short, so that every footer key,
    #: ``?`` help included, fits in 80 columns.
    short: str = ""

    @property
    def footer_label(self) -> str:
        return self.short or self.zh


KEY_ACTIONS: list[KeyAction] = [
    KeyAction("u", "pick_unit", "按单位筛选", "Filter by unit", True, short="单位"),
    KeyAction("s", "pick_status", "按状态筛选", "Filter by status", True, short="状态"),
    KeyAction("slash", "search", "全文搜索", "Search text and notes", True, short="搜索"),
    KeyAction("escape", "clear_latest", "清除最近的筛选", "Clear the latest filter"),
    KeyAction("c", "clear_all", "清除全部筛选", "Clear all filters"),
    KeyAction("1", "set_status('todo')", "设为未开始", "Set status: todo", in_view=True),
    KeyAction("2", "set_status('doing')", "设为进行中", "Set status: doing", True, in_view=True, short="进行中"),
    KeyAction("3", "set_status('done')", "设为已完成", "Set status: done", True, in_view=True, short="已完成"),
    KeyAction("4", "set_status('blocked')", "设为受阻", "Set status: blocked", in_view=True),
    KeyAction("n", "add_note", "添加进展记录", "Add a progress note", True, in_view=True, short="写进展"),
    KeyAction("e", "edit_task", "编辑责任单位和时限", "Edit units and deadline", in_view=True),
    KeyAction("p", "record_proof", "记录公开凭证", "Record proof of publication", in_view=True),
    KeyAction("C", "confirm_doubts", "核对确认: 去掉待核对标记 (有标记的任务则作用于全部标记的任务)",
              "Confirm the importer's guesses on the task (or the marked tasks)"),
    KeyAction("N", "edit_notes", "修改或删除我的进展记录", "Edit or delete my notes", in_view=True),
    KeyAction("A", "add_task", "在所选章节下新增任务", "Add a task under the chosen section"),
    KeyAction("D", "delete_task", "删除任务 (先确认, 可撤销)", "Delete the task (asks; undoable)"),
    KeyAction("b", "archive_plan", "归档 / 取消归档当前计划 (有未完成任务时先确认)",
              "Archive / unarchive the plan in view (asks when tasks are unfinished)"),
    KeyAction("X", "delete_plan", "删除当前计划 (列出将失去的内容并确认, 可撤销)",
              "Delete the plan in view (says what would be lost, asks; undoable)"),
    KeyAction("B", "show_archived", "显示 / 隐藏已归档的计划", "Show / hide archived plans"),
    KeyAction("E", "export_view", "导出当前表格 (xlsx / csv / md)", "Export what the table shows"),
    KeyAction("i", "import_document", "导入计划文件", "Import a plan document"),
    KeyAction("r", "report", "进度报告", "Progress report by unit"),
    KeyAction("m", "copy_brief", "复制本单位催办通知", "Copy the 催办 brief of the unit filter"),
    KeyAction("a", "annual_report", "生成年度报告素材", "Write the year-end report material"),
    KeyAction("o", "carry_over", "上年未完成任务结转", "Carry over last year's unfinished tasks"),
    KeyAction("t", "next_theme", "切换主题", "Switch theme"),
    KeyAction("ctrl+z", "undo", "撤销我的上一次修改 (可连续撤销)", "Undo my last change (again for earlier ones)",
              in_view=True),
    KeyAction("ctrl+y", "redo", "重做我刚撤销的修改", "Redo what I undid", in_view=True),
    KeyAction("w", "set_name", "设置我的名字 (记录在历史中)", "Set the name my changes are recorded under"),
    KeyAction("enter", "open_task", "全屏查看任务 (其中可用 1-4 n e p N; Esc 返回)",
              "Open the task full-screen (1-4 n e p N work there; Esc back)"),
    KeyAction("space", "toggle_mark", "标记/取消标记任务 (1-4 与 n 作用于全部标记的任务)",
              "Mark / unmark the task (1-4 and n then act on every marked task)"),
    KeyAction("x", "clear_marks", "清除全部标记", "Clear all marks"),
    KeyAction("question_mark", "help", "帮助", "Help", True, short="帮助"),
    KeyAction("q", "quit", "退出", "Quit", True, short="退出"),
    KeyAction("colon", "goto_task", "跳转到任务 (输入编号, 如 :1-9)", "Go to a task by id (:1-9)"),
    KeyAction("S", "cycle_sort", "切换排序: 时限 → 状态 → 单位 → 编号", "Sort by due date, status, unit, number"),
]

DISPLAY_KEYS = {"enter": "Enter", "space": "Space", "colon": ":",
                "slash": "/", "question_mark": "?", "escape": "Esc", "ctrl+z": "Ctrl+Z", "ctrl+y": "Ctrl+Y"}


def display_key(key: str) -> str:
    return DISPLAY_KEYS.get(key, key)


def view_keys() -> list[KeyAction]:
    """The keys that also work on the task opened full-screen."""
    return [k for k in KEY_ACTIONS if k.in_view]
