"""Responsible-unit text → units with roles.

``办公室牵头,各科室配合`` → 办公室 (lead), 各科室 (cooperate);
``相关业务科室、办公室`` → both responsible;
``牵头单位:办公室;配合单位:财务室`` → lead and cooperate;
``宣传处会同办公室`` → 宣传处 (lead), 办公室 (cooperate);
``市发展改革委、市教委分别负责落实`` → both responsible, the wording dropped;
``养老服务和社会救助股慈善事业和社会福利股`` (separator missing) → two units.
Generic assignments (各科室, 相关业务科室, 局属各中心 …) are marked generic.

Matching runs on the normalised view (:func:`govtui.domain.text.normalize`); names keep the printed
characters (full-width punctuation made ASCII).  The words themselves live in
:mod:`govtui.domain.vocabulary`.
"""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.deadlines import looks_like_deadline
from govtui.domain.model import Role, Unit, format_units
from govtui.domain.text import HAN, clause_end_unglossed, fold, normalize
from govtui.domain.unit_list import (
    SUFFIX_CHARS,
    all_units,
    alternation,
    is_generic,
    is_unit_name,
    list_names,
    split_outside,
)

UNIT_SUFFIXES = V.UNIT_SUFFIXES
__all__ = ["format_units", "parse_annotation", "parse_units"]  # format_units: see govtui.domain.model


_KEYS = V.LEAD_KEYS + V.COOPERATE_KEYS + V.RESPONSIBLE_KEYS + V.DEADLINE_KEYS + V.PERSON_KEYS
_KEY = re.compile(rf"^\s*(?P<key>{alternation(_KEYS)})"
                  r"\s*:\s*")
# Clauses of an annotation: split at ``;``, and at ``,`` before a key (``牵头单位:A,完成时限:B``).
_ALL_KEYS = alternation(_KEYS)
_ANNOTATION_CLAUSE = re.compile(rf";|[,。\s](?=\s*(?:{_ALL_KEYS})\s*:)")
_LEAD_TAIL = re.compile(rf"({alternation(V.LEAD_TAILS)})$")
_COOP_TAIL = re.compile(rf"({alternation(V.COOPERATE_TAILS)})$")
_RESP_TAIL = re.compile(rf"({alternation(V.RESPONSIBLE_TAILS)})$")
_IN_CHARGE_TAIL = re.compile(rf"(?<!分别)(?<!共同)({alternation(V.IN_CHARGE_TAILS)})$")
# ``宣传处会同办公室`` after any unit ending; the bare ``会`` only after an office's ending (处科室股局办),
# so that 社会, 委员会 and 会议 stay whole.
_TOGETHER = re.compile(rf"(?<=[{SUFFIX_CHARS}])会同(?=\S{{2,}})|(?<=[处科室股局办])会(?![议计商签审])(?=\S{{2,}})")
#: A clause after the units that opens by joining them (``X牵头,会同Y落实``): the words before Y's name.
_JOINING = re.compile(r"\s*(?:会同|联合|协同)(?=\S{2,})")
# Clause breaks: sentence punctuation, and a list separator right after a role word (牵头、 主办、 协办、).
_ROLE_ENDS = sorted({w[-2:] for w in V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS if len(w) >= 2})
_CLAUSE_SPLIT = re.compile(r"[;,。\n]+|" + "|".join(rf"(?<={w})[、\s]+" for w in _ROLE_ENDS))
# A role written in brackets after one name: ``办公室(牵头)、法规科(配合)``.
_BRACKET_ROLE = re.compile(rf"\((?P<word>{alternation(V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS)})"
                           r"(?:单位|部门|科室)?\)$")

def _clauses(text: str) -> list[str]:
    return [c for clause in split_outside(_CLAUSE_SPLIT, fold(text)) if clause.strip()
            for c in _glued_roles(clause.strip())]


#: A role word with text after it (``县司法局牵头各行政机关负责``): perhaps one clause's end glued to the next.
_GLUED_ROLE = re.compile(rf"(?:{alternation(V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS)})(?=\S)")


def _glued_roles(clause: str) -> list[str]:
    """``县司法局牵头各行政机关负责`` → ``县司法局牵头``, ``各行政机关负责``: a role word glued to the next unit's name
    ends a clause, when the text on each side is units closed by a role word."""
    for m in _GLUED_ROLE.finditer(normalize(clause)):
        left, right = clause[:m.end()], clause[m.end():]
        if (with_ := _WITH_AFTER_LEAD.match(normalize(right))) is not None and _LEAD_TAIL.search(normalize(left)):
            right = right[with_.end():]  # ``X牵头会区各单位、各镇街负责``: 会(同) joins those the lead works with
        if _worded_units(left) and _worded_units(right):
            return [left, *_glued_roles(right)]
    return [clause]


#: ``牵头会同``, or its short form ``牵头会`` before a body's name: those the lead works with follow.
_WITH_AFTER_LEAD = re.compile(r"会同|会(?=区|市|县|镇|乡|各|有关|相关|省)")


def _worded_units(clause: str) -> bool:
    _, rest, worded = _role_of(clause)
    return worded and bool(rest.strip()) and all_units(rest)


_WITH = re.compile(r"^\s*(?:会同|协同|联合)(?=\S{2,})")


def _role_of(clause: str) -> tuple[Role, str, bool]:
    """(role, the clause without its role words, whether a role word was present)."""
    norm = normalize(clause)
    if m := _KEY.match(norm):
        key = m.group("key")
        rest = clause[m.end():]
        if key in V.LEAD_KEYS:
            return Role.LEAD, rest, True
        if key in V.COOPERATE_KEYS:
            return Role.COOPERATE, rest, True
        role, rest, _ = _role_of(rest)  # 责任单位:县政府办牵头
        return role, rest, True
    for pattern, role in ((_LEAD_TAIL, Role.LEAD), (_COOP_TAIL, Role.COOPERATE), (_RESP_TAIL, Role.RESPONSIBLE)):
        if (m := pattern.search(norm)) and m.start() > 0:
            return role, clause[: m.start()], True
    if (m := _WITH.match(norm)) is not None:  # ``(X牵头,会同A、B)``: those it works with cooperate
        return Role.COOPERATE, clause[m.end():], True
    return Role.RESPONSIBLE, clause, False


def parse_annotation(text: str) -> tuple[list[Unit], str]:
    """Units and the deadline text (empty when none) of one annotation or unit cell.

    ``牵头单位:A;责任单位:B、C;完成时限:6月底前`` → A (lead), B, C and ``6月底前``.
    """
    units: list[Unit] = []
    deadline = ""
    seen: set[tuple[str, Role]] = set()
    in_charge: set[str] = set()  # units a clause puts alone in charge (X负责)
    for clause in split_outside(_ANNOTATION_CLAUSE, _without_note(fold(clause_end_unglossed(text)))):
        m = _KEY.match(normalize(clause))
        if m and m.group("key") in V.PERSON_KEYS:
            continue  # 责任领导:张明 names a person, not a unit
        if m and m.group("key") in V.DEADLINE_KEYS:
            deadline = clause[m.end():].strip()
            continue
        # 配合单位:A,B、C: the role a key names holds for every name up to the next key
        keyed = (Role.LEAD if m.group("key") in V.LEAD_KEYS else Role.COOPERATE if m.group("key") in V.COOPERATE_KEYS
                 else None) if m else None
        found, when = _units_of(clause, keyed)
        deadline = deadline or when
        for part in _clauses(clause):
            norm = normalize(part)
            if (m := _IN_CHARGE_TAIL.search(norm)) and m.start() > 0 and not _KEY.match(norm):
                in_charge.update(name for name in list_names(part[:m.start()]))
        for unit in found:
            if (unit.name, unit.role) not in seen:
                seen.add((unit.name, unit.role))
                units.append(unit)
    if in_charge and any(u.role is Role.COOPERATE for u in units):  # X负责, Y配合: X leads
        units = [Unit(u.name, Role.LEAD, u.generic) if u.name in in_charge and u.role is Role.RESPONSIBLE else u
                 for u in units]
    return units, deadline


def _requirement(clause: str) -> bool:
    """A clause that names no unit but says what to do: no name in it ends like a unit's, and one is longer than
    any unit's short name would be."""
    names = list_names(clause)
    return bool(names) and not any(is_unit_name(n) for n in names) and any(len(normalize(n)) > 10 for n in names)


def _without_note(text: str) -> str:
    """``A,B。本要点各项工作均需…作为责任单位,以下不再列出``: a sentence after the list's full stop is a note about
    the plan, naming no unit of this task; after the stop a key (``。配合单位:C``), units (``。财务科配合``) or a
    deadline still count."""
    head, stop, note = text.partition("。")
    note = note.strip()
    if not stop or not head.strip() or not note or _KEY.match(normalize(note)) or looks_like_units(note) \
            or looks_like_deadline(note, lenient=True):
        return text
    return head


def _units_of(text: str, keyed: Role | None = None) -> tuple[list[Unit], str]:
    """The units of an annotation clause, and a deadline written among them (``X负责,12月底前完成``);
    ``keyed``: the role the clause's key names, for every part without a role word of its own."""
    units: list[Unit] = []
    deadline = ""
    unworded: list[int] = []  # units of the clauses before, with no role word of their own
    for clause in _clauses(text):
        if not deadline and looks_like_deadline(clause, lenient=True) and not all_units(clause):
            deadline = clause
            continue
        role, rest, worded = _role_of(clause)
        if units and (joined := _JOINING.match(normalize(rest))) is not None:
            rest = rest[joined.end():]  # ``X牵头,会同Y落实``: Y, with the clause's own role
        if not worded and units and _requirement(rest):
            continue  # ``X牵头办理,在工作中加强与上级单位沟通对接``: after the units, what they are to do
        if not worded and keyed is not None:
            role = keyed
        parts = [(role, rest)]
        if role is Role.RESPONSIBLE and (m := _TOGETHER.search(normalize(rest))):
            left, right = rest[: m.start()], rest[m.end():]
            if all_units(left) and all_units(right):
                parts = [(Role.LEAD, left), (Role.COOPERATE, right)]
        first = len(units)
        for part_role, chunk in parts:
            for name in list_names(chunk):
                name, own = _bracket_role(name)
                units.append(Unit(name, own or part_role, is_generic(name)))
        if not worded and keyed is None:
            unworded.extend(range(first, len(units)))
        elif worded and "分别" in normalize(clause):  # ``A、B,C、D等有关部门分别牵头落实``: each of them, A and B too
            for at in unworded:
                units[at] = Unit(units[at].name, role, units[at].generic)
            unworded = []
    return units, deadline


def _bracket_role(name: str) -> tuple[str, Role | None]:
    """``办公室(牵头)`` → (办公室, lead); a name without a bracketed role word → (name, None)."""
    norm = normalize(name)
    m = _BRACKET_ROLE.search(norm)
    if not m or m.start() == 0:
        return name, None
    cut = len(name) - (len(norm) - m.start())  # the bracket is cut from the end: the printed name may differ in length
    word = m.group("word")
    role = (Role.LEAD if word in V.LEAD_TAILS else Role.COOPERATE if word in V.COOPERATE_TAILS
            else Role.RESPONSIBLE)
    return name[:cut], role


def cut_in_a_name(text: str) -> bool:
    """``责任股室:人事教育股、会``: a unit list whose last name stops short of any unit's ending (the page ended inside
    it), the names before it whole."""
    names = [u.name for u in parse_annotation(text)[0]]
    if not names or not all(is_unit_name(n) for n in names[:-1]):
        return False
    if not is_unit_name(names[-1]):
        return True
    # ``…、市文旅广体局、各``: the piece after the last 、 too short to name anything, which no name above holds
    last = re.split(r"[、,;/]", normalize(text).strip())[-1].strip()
    return 0 < len(last) <= 2 and re.fullmatch(rf"[{HAN}]+", last) is not None \
        and last not in V.NAME_TAIL_WORDS and not any(n.endswith(last) for n in names)


def parse_units(text: str) -> list[Unit]:
    """Split a responsible-unit cell or annotation into units with roles, in printed order."""
    return parse_annotation(text)[0]


def opens_with_unit(text: str) -> bool:
    """Whether a cell starts with a unit's name (``各有关单位、…做好发布工作``), whatever follows it."""
    names = list_names(re.split(r"[,;。:]", fold(text), maxsplit=1)[0])
    return bool(names) and is_unit_name(names[0])


def looks_like_units(text: str) -> bool:
    """Whether a short table cell reads as a list of responsible units (every name ends like one)."""
    printed = " ".join(text.split()).rstrip("。")  # a unit cell written as a sentence may end with its full stop
    norm = normalize(printed)
    if not norm or "。" in norm or (len(norm) > 90 and len(re.findall(r"[、;,/]", norm)) * 16 < len(norm)):
        return False  # a sentence; a long cell is a list of names (one 、 in 16 characters at least)
    names: list[str] = []
    for clause in _clauses(printed):
        if names and looks_like_deadline(clause, lenient=True) and not all_units(clause):
            continue  # ``县司法局,2023年3月底前``: units with their deadline beside them
        if re.search(r"\d{2,}", normalize(clause)):
            return False
        _, rest, _ = _role_of(clause)
        names.extend(list_names(rest))
    return bool(names) and all(is_unit_name(n) for n in names)
