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
    KeyAction("F", "fix_reading",
              "修正识别结果: 并入上一项、拆分、改为标题、移动、去掉、标记任务的单位、计划信息 (可撤销)",
              "Correct how the plan was read: merge, split, heading, move, drop, units, plan fields"),
]

#: The review screen's keys (``govtui import`` in a terminal, ``i`` in the app): the plan as read, corrected
#: before it is saved.
REVIEW_KEYS: list[KeyAction] = [
    KeyAction("n", "next_doubt", "下一个待核对 (导入时的推定、缺单位)", "Next doubt", True, short="下一待核对"),
    KeyAction("N", "next_doubt(-1)", "上一个待核对", "Previous doubt"),
    KeyAction("space", "toggle_mark", "标记/取消标记任务 (u 与 C 作用于全部标记的任务)", "Mark / unmark the task"),
    KeyAction("u", "units", "责任单位和角色 (标记的任务一起改; 拼音补全)", "Units and roles (of every marked task)",
              True, short="单位"),
    KeyAction("t", "deadline", "时限", "Deadline", True, short="时限"),
    KeyAction("m", "merge", "并入上一项任务 (被截断的后半部分)", "Merge into the task before"),
    KeyAction("s", "split", "拆分: 从第 N 句起为新任务", "Split at a sentence"),
    KeyAction("h", "heading(2)", "改为小节标题; 在标题上: 改回任务",
              "Make it a subsection heading; on a heading: a task"),
    KeyAction("H", "heading(1)", "改为部分标题", "Make it a section heading"),
    KeyAction("M", "move", "移到其他标题下", "Move under another heading"),
    KeyAction("x", "drop", "去掉 (不是任务的行)", "Drop a row that is not a task"),
    KeyAction("o", "plan_fields", "制发单位、年度、标题", "Organisation, year, title", True, short="单位年度"),
    KeyAction("C", "confirm", "核对确认 (去掉待核对标记)", "Confirm: the doubts go"),
    KeyAction("v", "preview", "导入预览: 与库中版本的差异 (可滚动)", "Preview: what the import changes"),
    KeyAction("ctrl+z", "undo", "撤销上一次修正", "Undo the last correction"),
    KeyAction("ctrl+s", "save", "保存: 按修正后的样子导入 (一步, Ctrl+Z 可撤销)", "Save: import as corrected",
              True, short="保存"),
    KeyAction("question_mark", "help", "帮助", "Help", True, short="帮助"),
    KeyAction("escape", "quit", "放弃 (有修正时先确认)", "Leave without importing (asks when corrected)", True,
              short="放弃"),
]

DISPLAY_KEYS = {"enter": "Enter", "space": "Space", "colon": ":", "slash": "/", "question_mark": "?",
                "escape": "Esc", "ctrl+z": "Ctrl+Z", "ctrl+y": "Ctrl+Y", "ctrl+s": "Ctrl+S"}


def display_key(key: str) -> str:
    return DISPLAY_KEYS.get(key, key)


def view_keys() -> list[KeyAction]:
    """The keys that also work on the task opened full-screen."""
    return [k for k in KEY_ACTIONS if k.in_view]
