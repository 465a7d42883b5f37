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
from govtui.domain.text import ROUND_BRACKETS, fold, normalize, unglossed

UNIT_SUFFIXES = V.UNIT_SUFFIXES
__all__ = ["format_units", "parse_annotation", "parse_units"]  # format_units: see govtui.domain.model


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_GENERIC = re.compile(rf"^({_alternation(V.GENERIC_PREFIXES)})|.(?:{_alternation(V.GENERIC_INFIXES)})")
_KEYS = V.LEAD_KEYS + V.COOPERATE_KEYS + V.RESPONSIBLE_KEYS + V.DEADLINE_KEYS + V.PERSON_KEYS
_KEY = re.compile(rf"^\s*(?P<key>{_alternation(_KEYS)})"
                  r"\s*:\s*")
# Clauses of an annotation: split at ``;``, and at ``,`` before a key (``牵头单位:A,完成时限:B``).
_ALL_KEYS = _alternation(_KEYS)
_ANNOTATION_CLAUSE = re.compile(rf";|[,。\s](?=\s*(?:{_ALL_KEYS})\s*:)")
_LEAD_TAIL = re.compile(rf"({_alternation(V.LEAD_TAILS)})$")
_COOP_TAIL = re.compile(rf"({_alternation(V.COOPERATE_TAILS)})$")
_RESP_TAIL = re.compile(rf"({_alternation(V.RESPONSIBLE_TAILS)})$")
_IN_CHARGE_TAIL = re.compile(rf"(?<!分别)(?<!共同)({_alternation(V.IN_CHARGE_TAILS)})$")
#: The list's wording, also cut short at the end of a page (``…按职责分工落``).
_TAIL_WORDS = V.NAME_TAIL_WORDS + tuple({w[:n] for w in V.NAME_TAIL_WORDS if w.startswith(("按", "等按"))
                                         for n in range(3, len(w))})
_NAME_TAIL = re.compile(rf"({_alternation(_TAIL_WORDS)})$")
_SUFFIX_CHARS = "".join(sorted({s[-1] for s in V.UNIT_SUFFIXES}))
# ``宣传处会同办公室`` after any unit ending; the bare ``会`` only after an office's ending (处科室股局办),
# so that 社会, 委员会 and 会议 stay whole.
_TOGETHER = re.compile(rf"(?<=[{_SUFFIX_CHARS}])会同(?=\S{{2,}})|(?<=[处科室股局办])会(?![议计商签审])(?=\S{{2,}})")
# Clause breaks: sentence punctuation, and a list separator right after a role word (牵头、 主办、 协办、).
_ROLE_ENDS = sorted({w[-2:] for w in V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS if len(w) >= 2})
_CLAUSE_SPLIT = re.compile(r"[;,。\n]+|" + "|".join(rf"(?<={w})[、\s]+" for w in _ROLE_ENDS))
# A role written in brackets after one name: ``办公室(牵头)、法规科(配合)``.
_BRACKET_ROLE = re.compile(rf"\((?P<word>{_alternation(V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS)})"
                           r"(?:单位|部门|科室)?\)$")
_NAME_SPLIT = re.compile(r"[、/\s]+|^以及|(?<=\S)以及(?=\S)|(?<=\S)及(?=各|相关|有关)|(?<=\S)和(?=各|相关|有关)")


def is_generic(name: str) -> bool:
    return bool(_GENERIC.search(normalize(name)))


def clean_name(name: str) -> str:
    """Canonical spelling of one unit name: ASCII punctuation, no spaces or stray marks."""
    name = fold(name).strip(" \t:：,.;、-—")
    name = re.sub(r"\s+", "", name)
    if name.startswith("(") and name.endswith(")") and name.count("(") == 1:
        name = name[1:-1]
    return name


def split_run_together(name: str) -> list[str]:
    """Split names printed without a separator: ``养老服务和社会救助股慈善事业和社会福利股``.

    Only splits where both halves end in the same office suffix (股…股, 科…科) and are at
    least three characters long, so ``市民政局办公室`` and ``综合科(法规科)`` stay whole.
    """
    if len(name) < 6 or name[-1] not in "股科室处组":
        return [name]
    last, depth = name[-1], 0
    for i, char in enumerate(name[:-1]):
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and char == last and i >= 2 and len(name) - i - 1 >= 3 and name[i + 1] != "(":
            left, right = name[: i + 1], name[i + 1:]
            if right.startswith(("室", "股")):  # 科室, 股室 are one word
                continue
            return [left, *split_run_together(right)]
    return [name]


def _strip_tail(name: str) -> str:
    while ((m := _NAME_TAIL.search(normalize(name))) or (m := _ETC_TAIL.search(normalize(name)))
           or (m := _ETC_AFTER_UNIT.search(normalize(name))) or (m := _DUTY_AFTER_UNIT.search(normalize(name)))) \
            and m.start() > 1:
        name = name[: m.start()]
    return name


def _split_outside(pattern: re.Pattern[str], text: str) -> list[str]:
    """``pattern.split`` that leaves brackets whole: ``各县(市、区)人民政府、市直各单位`` → two names."""
    # same length: Traditional keys (責任單位:) split as Simplified ones do, 〔市、区〕 stays whole as (市、区) does
    norm = normalize(text).translate(ROUND_BRACKETS)
    depth, depths = 0, []
    for char in norm:
        depth = max(0, depth + (char == "(") - (char == ")"))
        depths.append(depth)
    pieces, start = [], 0
    for m in pattern.finditer(norm):
        if m.end() > m.start() and (m.start() == 0 or depths[m.start() - 1] == 0) and depths[m.start()] == 0:
            pieces.append(text[start:m.start()])
            start = m.end()
    pieces.append(text[start:])
    return pieces


#: A piece of a unit list that names a level of government only (``各市``, ``省``, ``自治区``): no body stands
#: behind it alone, so it shares the head noun of the next piece (``各市、县(市、区)教育局`` is one unit).
_LEVEL_ONLY = re.compile(r"^各?(?:省|市|县|区|州|盟|旗|自治区|自治州|自治县|地区|市州|县区|县市区|市县)$")
_LEVEL_START = re.compile(r"^(?:省|市|县|区|州|盟|旗|自治|直辖市|地区)(?![直属级])")
#: ``…等有关处室(单位)``, ``…等单位``: the wording that ends a list, naming no unit of its own.
_ETC_TAIL = re.compile(r"(?<=\S)等(?:有关|相关|其他|各)?(?:处室|单位|部门|科室|股室|机构|院校)?(?:\([^()]{1,6}\))?$")
#: ``市住建局等政府各有关部门`` (also cut short): after a unit's name, 等 and the words that follow name no unit.
_ETC_AFTER_UNIT = re.compile(rf"(?<=[{_SUFFIX_CHARS}])等[^、,;()]{{0,12}}$")
#: ``区数据管理局做好技术支持和指导``, ``各镇(街)做好发布工作``: after a unit's name (or its bracket), the duty a unit
#: cell gives it (做好…, 提供…, 承担…).
_DUTY_AFTER_UNIT = re.compile(rf"(?<=[{_SUFFIX_CHARS})])"
                              r"(?:做好|提供|承担|开展|加强)[^、,;()]{1,20}$")


def _joined_levels(pieces: list[str]) -> list[str]:
    out: list[str] = []
    carry = ""
    for at, piece in enumerate(pieces):
        piece = f"{carry}、{piece.strip()}" if carry else piece
        following = clean_name(pieces[at + 1]) if at + 1 < len(pieces) else ""
        own = clean_name(piece.rsplit("、", 1)[-1])
        carry = piece.strip() if _LEVEL_ONLY.match(normalize(own)) and _LEVEL_START.match(normalize(following)) else ""
        if not carry:
            out.append(piece)
    return out


def _names(chunk: str) -> list[str]:
    out: list[str] = []
    for piece in _joined_levels(_split_outside(_NAME_SPLIT, chunk)):
        piece = clean_name(piece)
        piece = re.sub(r"^由", "", piece)
        piece = _after_topic(piece)
        piece = clean_name(_strip_tail(piece))
        if piece and normalize(piece) not in ("等", "和", "及", "各", "相关"):
            out.extend(name for part in _conjoined(piece) for name in split_run_together(part))
    return out


def _conjoined(name: str) -> list[str]:
    """``各市政府和省委农工办`` → two units: 和/及/与 between two bodies' names (each ends as a body's does);
    ``文化和旅游局``, ``住房和城乡建设局`` are one (``文化``, ``住房`` are no body)."""
    norm = normalize(name)
    for m in re.finditer(r"[和及与]", norm):
        left, right = name[:m.start()], name[m.end():]
        outside = norm[:m.start()].count("(") == norm[:m.start()].count(")")
        if outside and _is_unit_name(left) and _is_unit_name(right):
            return [left, *_conjoined(right)]
    return [name]


#: ``执法事项清单由政策法规司``: a clause's topic, then 由 and the unit that does it (never 自由, 理由, 经由).
_TOPIC = re.compile(r"^(.{2,24}?)(?<![自理经缘])由(?=.{2})")


def _after_topic(piece: str) -> str:
    """``规范性文件公开由制发司(局)`` → ``制发司(局)``: the topic before 由 is what is done, not who."""
    m = _TOPIC.match(normalize(piece))
    if m is None or _is_unit_name(m.group(1)) or not _is_unit_name(piece[m.end():]):
        return piece
    return piece[m.end():]


def _clauses(text: str) -> list[str]:
    return [c for clause in _split_outside(_CLAUSE_SPLIT, fold(text)) if clause.strip()
            for c in _glued_roles(clause.strip())]


#: A role word with text after it (``县司法局牵头各行政机关负责``): perhaps one clause's end glued to the next.
_GLUED_ROLE = re.compile(rf"(?:{_alternation(V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS)})(?=\S)")


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
    return worded and bool(rest.strip()) and _all_units(rest)


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
    for clause in _split_outside(_ANNOTATION_CLAUSE, _without_note(fold(text))):
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
                in_charge.update(name for name in _names(part[:m.start()]))
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
    names = _names(clause)
    return bool(names) and not any(_is_unit_name(n) for n in names) and any(len(normalize(n)) > 10 for n in names)


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
    for clause in _clauses(text):
        if not deadline and looks_like_deadline(clause, lenient=True) and not _all_units(clause):
            deadline = clause
            continue
        role, rest, worded = _role_of(clause)
        if not worded and units and _requirement(rest):
            continue  # ``X牵头办理,在工作中加强与上级单位沟通对接``: after the units, what they are to do
        if not worded and keyed is not None:
            role = keyed
        parts = [(role, rest)]
        if role is Role.RESPONSIBLE and (m := _TOGETHER.search(normalize(rest))):
            left, right = rest[: m.start()], rest[m.end():]
            if _all_units(left) and _all_units(right):
                parts = [(Role.LEAD, left), (Role.COOPERATE, right)]
        for part_role, chunk in parts:
            for name in _names(chunk):
                name, own = _bracket_role(name)
                units.append(Unit(name, own or part_role, is_generic(name)))
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
    return bool(names) and not _is_unit_name(names[-1]) and all(_is_unit_name(n) for n in names[:-1])


def parse_units(text: str) -> list[Unit]:
    """Split a responsible-unit cell or annotation into units with roles, in printed order."""
    return parse_annotation(text)[0]


def _is_unit_name(name: str) -> bool:
    bare = unglossed(normalize(re.sub(r"\([^()]*\)$", "", name)))  # 综合科(法规科) → 综合科; 質(zhì)量 → 質量
    return 2 <= len(bare) <= 20 and (bare.endswith(V.UNIT_SUFFIXES) or bool(_GENERIC.match(bare)))


def _all_units(chunk: str) -> bool:
    names = _names(chunk)
    return bool(names) and all(_is_unit_name(n) for n in names)


def opens_with_unit(text: str) -> bool:
    """Whether a cell starts with a unit's name (``各有关单位、…做好发布工作``), whatever follows it."""
    names = _names(re.split(r"[,;。:]", fold(text), maxsplit=1)[0])
    return bool(names) and _is_unit_name(names[0])


def looks_like_units(text: str) -> bool:
    """Whether a short table cell reads as a list of responsible units (every name ends like one)."""
    printed = " ".join(text.split()).rstrip("。")  # a unit cell written as a sentence may end with its full stop
    norm = normalize(printed)
    if not norm or "。" in norm or (len(norm) > 90 and len(re.findall(r"[、;,/]", norm)) * 16 < len(norm)):
        return False  # a sentence; a long cell is a list of names (one 、 in 16 characters at least)
    names: list[str] = []
    for clause in _clauses(printed):
        if names and looks_like_deadline(clause, lenient=True) and not _all_units(clause):
            continue  # ``县司法局,2023年3月底前``: units with their deadline beside them
        if re.search(r"\d{2,}", normalize(clause)):
            return False
        _, rest, _ = _role_of(clause)
        names.extend(_names(rest))
    return bool(names) and all(_is_unit_name(n) for n in names)
