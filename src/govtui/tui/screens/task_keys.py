"""The main screen's keys that act on one task (or on the marked tasks): status, notes, units and deadline,
proof, doubts, delete, marks, undo and redo.  The full-screen task view uses them too (``TaskHost``)."""

from __future__ import annotations

from typing import Any

from govtui.domain.model import Status, Task, doubts
from govtui.tui.screens.main_base import WorkbenchScreen
from govtui.tui.widgets.task_table import TaskTable


class TaskKeys(WorkbenchScreen):
    # -- status ---------------------------------------------------------------------------
    def action_set_status(self, value: str) -> None:
        marked = self.marked_ids()
        if marked:
            self.workbench.change_marked(marked, status=Status(value))
            return
        task = self.current_task()
        if task is not None:
            self.set_status_of(task, Status(value))

    def set_status_of(self, task: Task, status: Status) -> None:
        self.workbench.set_status(task, status)  # on a recurring duty, done meets this occurrence

    def task_by_id(self, task_id: str) -> Task | None:
        """The current version of a task (``None`` once it is deleted)."""
        return self.workbench.snap.by_id.get(task_id)

    def can_change(self) -> bool:
        """Whether changes can be made: not while a large store's first screen is a preview."""
        return not self.workbench.loading

    # -- notes ----------------------------------------------------------------------------
    def action_add_note(self) -> None:
        task = self.current_task()
        if self.marked_ids():
            self._note_marked()
            return
        if task is not None:
            self.note_on(task)

    def note_on(self, task: Task) -> None:
        from govtui.tui.screens.note_editor import NoteEditor

        def save(editor: NoteEditor, text: str) -> None:
            self.workbench.add_note(task, text, editor)

        self.app.push_screen(NoteEditor(task.id, save, draft=self.workbench.drafts.get(task.id, ""),
                                        keep_draft=lambda text: self.workbench.keep_draft(task.id, text)))

    def _note_marked(self) -> None:
        from govtui.tui.screens.note_editor import NoteEditor

        ids = self.marked_ids()
        title = "、".join(ids[:3]) + (f" 等 {len(ids)} 项" if len(ids) > 3 else "")

        def save(editor: NoteEditor, text: str) -> None:
            self.workbench.change_marked(ids, text=text, watcher=editor)

        self.app.push_screen(NoteEditor(title, save))

    def action_edit_notes(self) -> None:
        task = self.current_task()
        if task is not None:
            self.notes_of(task)

    def notes_of(self, task: Task) -> None:
        from govtui.tui.screens.confirm import Confirm
        from govtui.tui.screens.note_editor import NoteEditor
        from govtui.tui.screens.note_picker import NoteChoice, NotePicker

        user = self.workbench.user_name()
        if not any(n.author == user for n in task.notes):
            self.notify(f"任务 {task.id} 没有 {user} 写的进展记录 (按 n 添加)", severity="warning", markup=False)
            return

        def chosen(choice: NoteChoice | None) -> None:
            if choice is None:
                return
            if choice.delete:
                def answered(yes: bool | None) -> None:
                    if yes:
                        self.workbench.change_note(task.id, choice.index, None)

                self.app.push_screen(Confirm(f"删除任务 {task.id} 的第 {choice.index} 条进展记录?",
                                             task.notes[choice.index - 1].text, yes="删除", no="返回"), answered)
                return

            def save(editor: NoteEditor, text: str) -> None:
                self.workbench.change_note(task.id, choice.index, text, editor)

            self.app.push_screen(NoteEditor(f"{task.id} 第 {choice.index} 条", save,
                                            draft=task.notes[choice.index - 1].text))

        self.app.push_screen(NotePicker(task, user), chosen)

    # -- units and deadline, proof --------------------------------------------------------------
    def action_edit_task(self) -> None:
        task = self.current_task()
        if task is not None:
            self.edit_units_of(task)

    def edit_units_of(self, task: Task) -> None:
        from govtui.tui.screens.task_editor import TaskEdit, TaskEditor

        def edited(edit: TaskEdit | None) -> None:
            if edit is not None:
                self.workbench.edit_task(task, edit.units, edit.deadline)

        typed = self.workbench.edit_drafts.pop(task.id, None)
        self.app.push_screen(TaskEditor(task, self.workbench.known_units(), self.workbench.unit_keys_raw(),
                                        typed=typed), edited)

    def action_record_proof(self) -> None:
        task = self.current_task()
        if task is not None:
            self.proof_of(task)

    def proof_of(self, task: Task) -> None:
        from govtui.store.transaction import now_iso
        from govtui.tui.screens.proof_editor import ProofEditor

        if task.status is not Status.DONE:
            self.notify("公开凭证记在已完成的任务上: 先按 3 设为已完成", severity="warning", markup=False)
            return

        def recorded(proof: dict[str, Any] | None) -> None:
            if proof:
                self.workbench.set_proof(task, proof)

        self.app.push_screen(ProofEditor(task, self.workbench.user_name(), now_iso()), recorded)

    # -- doubts, delete ---------------------------------------------------------------------
    def action_confirm_doubts(self) -> None:
        """``C``: the highlighted task (or the marked ones) checked: their doubt flags go."""
        marked = self.marked_ids()
        chosen = [self.workbench.snap.by_id[i] for i in marked] if marked else [self.current_task()]
        ids = [t.id for t in chosen if t is not None and doubts(t.flags)]
        if not ids:
            self.notify("没有待核对的标记 (nothing to confirm)", markup=False, timeout=3)
            return
        self.workbench.confirm_doubts(ids)

    def action_delete_task(self) -> None:
        from govtui.domain.text import one_line, truncate
        from govtui.tui.screens.confirm import Confirm

        task = self.current_task()
        if task is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.workbench.delete_task(task)
                self.show_marks(self.workbench.view)

        self.app.push_screen(Confirm(f"删除任务 {task.id}? (记入历史, Ctrl+Z 可撤销)",
                                     truncate(one_line(task.text), 70), yes="删除", no="返回"), answered)

    # -- marks: several tasks in one action ------------------------------------------------
    def action_toggle_mark(self) -> None:
        table = self.query_one(TaskTable)
        task = table.current
        if task is None:
            return
        self.show_marks(self.workbench.view.mark_toggled(task.id))
        table.move_to(table.cursor + 1)
        if len(self.marked_ids()) == 1:  # the first mark says what marks are for
            self.notify("已标记 1 项; 按数字键 1～4 设状态或 n 写进展, 作用于全部标记的任务 (x 清除标记)",
                        markup=False, timeout=3)

    def action_clear_marks(self) -> None:
        self.show_marks(self.workbench.view.unmarked())
        self.notify("已清除全部标记", markup=False, timeout=2)

    # -- undo -------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self.workbench.undo()

    def action_redo(self) -> None:
        self.workbench.redo()
