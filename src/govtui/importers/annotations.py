"""Responsibility annotations in running text: ``(牵头单位:X)``, ``(X负责落实)``, ``(A、B分别负责)``, a unit list in
brackets closing a sentence, keyed clauses closing a paragraph without brackets (``责任单位:X。``).

Found on the normalised text, sliced from the printed one; what an annotation says (units, roles, deadline)
is :func:`govtui.domain.units.parse_annotation`'s business.
"""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.deadlines import looks_like_deadline
from govtui.domain.text import ROUND_BRACKETS, clause_end_unglossed, normalize
from govtui.domain.unit_list import is_unit_name
from govtui.domain.units import looks_like_units, parse_annotation

_KEYS = "|".join(sorted(V.LEAD_KEYS + V.COOPERATE_KEYS + V.RESPONSIBLE_KEYS + V.DEADLINE_KEYS + V.PERSON_KEYS,
                        key=len, reverse=True))
_KEYED = re.compile(rf"^\s*(?:{_KEYS})\s*:")
_TAILS = "|".join(sorted(V.LEAD_TAILS + V.RESPONSIBLE_TAILS + V.COOPERATE_TAILS, key=len, reverse=True))
_ROLE_TAIL = re.compile(rf"({_TAILS})\s*$")
#: a clause's names may hold short brackets of their own: ``牵头单位:市委编办(市规服办)、市政务中心``
_KEYED_CLAUSE = rf"(?:{_KEYS})\s*:(?:[^。()]|\([^()。]{{1,20}}\)){{1,60}}?"
#: ``…。责任单位:县财政局。完成时限:2023年9月底前。``: keyed clauses closing a paragraph, without brackets.
_TRAILING_KEYED = re.compile(rf"(?<=[。;])\s*((?:{_KEYED_CLAUSE}[。;]\s*)*{_KEYED_CLAUSE})。?\s*$")
UNITS_LINE = re.compile(rf"^\s*(?:{_KEYS})\s*:\s*\S")
#: A key with nothing after it (``责任单位``): the page ended on the label.
BARE_KEY = re.compile(rf"^\s*(?:{_KEYS})\s*:?\s*$")
#: ``…。此项工作由省府办公厅负责,省监察厅配合。``: a sentence closing a paragraph that says who does the work.
_TRAILING_CHARGE = re.compile(r"(?<=[。;])\s*(?:此项工作|该项工作|这项工作|此项任务)由([^。;()]{2,80}?(?:负责|牵头)"
                              r"(?:落实)?(?:,[^。;()]{2,60}?(?:配合|协助|参与))?)。?\s*$")
_ONLY_PUNCT = re.compile(r"^[\s。.,;:、)]*$")


def is_annotation(body: str) -> bool:
    norm = normalize(clause_end_unglossed(body)).strip()
    if _KEYED.match(norm) or (norm.startswith("由") and "负责" in norm):
        return True
    # (X负责,12月底前完成): the deadline clause aside, the rest names units with a role word
    who = ",".join(p for p in re.split(r"[,;]", norm) if p and not looks_like_deadline(p, lenient=True))
    return bool(who) and bool(_ROLE_TAIL.search(who)) and (looks_like_units(who) or _mostly_units(who))


def _mostly_units(who: str) -> bool:
    """``医政医管处、财务处、办医主体、区卫生计生委负责``: a list closed by its role words whose names are units but one
    or two (办医主体, the hospitals' owners, is no office's name yet is listed as one)."""
    if "。" in who or len(who) > 120:
        return False
    names = [u.name for u in parse_annotation(who)[0]]
    units = sum(1 for name in names if is_unit_name(name))
    return len(names) >= 3 and units * 3 >= len(names) * 2 and is_unit_name(names[0])


def ends_with_role(body: str) -> bool:
    """An annotation that closes on its role words (``…各乡镇配合``, ``…按职责分工负责``): whole, its bracket aside."""
    return _ROLE_TAIL.search(normalize(body).rstrip(" 。;")) is not None


def _closes_sentence(norm: str, start: int, end: int) -> bool:
    """A bracket right after a sentence's end or closing the paragraph: ``…公开。(区财政局)``, where unit
    names alone, with no role word, name the units responsible (``政府(部门)文件`` is mid-sentence)."""
    return norm[:start].rstrip().endswith(("。", ";")) or not meaningful(norm[end + 1:].split("\n")[0])


def find_annotations(printed: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of each responsibility annotation in a paragraph, in order.

    The closing bracket of a keyed annotation may be missing at the end of the paragraph, or printed as an opening one.
    """
    norm = normalize(printed).translate(ROUND_BRACKETS)
    found: list[tuple[int, int, str]] = []
    i = 0
    while (start := norm.find("(", i)) != -1:
        depth, end = 0, -1
        for j in range(start, len(norm)):
            if norm[j] == "(":
                depth += 1
            elif norm[j] == ")":
                depth -= 1
                if depth == 0:
                    end = j
                    break
            elif norm[j] == "\n":
                break
        if end == -1:  # a bracket opening nothing at the paragraph's end is a mangled closing one: ``(X牵头(``
            body = re.sub(r"[(（]\s*$", "", printed[start + 1:])
            if "(" not in normalize(body) and (_KEYED.match(normalize(body)) or is_annotation(body)):
                found.append((start, len(printed), body))
                break
            i = start + 1
            continue
        body = printed[start + 1:end]
        if normalize(body).strip() in V.UNIT_SUFFIXES:  # ``市政府各部门(单位)``: the kind of body beside a name
            i = end + 1
            continue
        contact = norm[:start].rstrip()[-1:].isdigit()  # ``联系电话:2603676(市政府网站管理中心)``: whose number
        if is_annotation(body) or (_closes_sentence(norm, start, end) and looks_like_units(body) and not contact):
            found.append((start, end + 1, body))
            i = end + 1
        else:
            i = start + 1
    if (lost := _lost_opening(printed, norm)) is not None and all(end <= lost[0] for _, end, _ in found):
        found.append(lost)
    tail = _TRAILING_KEYED.search(norm) or _TRAILING_CHARGE.search(norm)  # …。责任单位:X。 / …。此项工作由X负责。
    if tail is not None and all(end <= tail.start() for _, end, _ in found) \
            and (tail.re is _TRAILING_KEYED or looks_like_units(tail.group(1))):
        found.append((tail.start(1), len(printed), printed[tail.start(1):tail.end(1)]))
    return found



#: The paragraph's last bracket closes one that was never opened: ``…工作?省编办、省监察厅按职责分工牵头落实)``.
_UNOPENED_END = re.compile(r"\)[\s。;.]*$")


def _lost_opening(printed: str, norm: str) -> tuple[int, int, str] | None:
    """An annotation whose opening bracket a copy lost: the paragraph ends on a bracket closing none, and what runs back
    to a lost character (``?``, ``�``: the bracket, mis-decoded) or to the sentence's end names who does the work."""
    close = _UNOPENED_END.search(norm)
    if close is None or norm[:close.start()].count("(") >= norm[:close.start() + 1].count(")"):
        return None
    at = close.start()
    mark = max(norm.rfind("?", 0, at), norm.rfind("\ufffd", 0, at))
    stop = max(norm.rfind(c, 0, at) for c in "。;")
    start = mark if mark > stop else stop + 1 if stop >= 0 else -1
    body = printed[start + 1 if start == mark else start:at]
    if start < 0 or "(" in norm[start:at] or not is_annotation(body):
        return None
    return start, close.end(), body


def meaningful(text: str) -> bool:
    return not _ONLY_PUNCT.match(normalize(text)) and len(normalize(text).strip("。.,;:、 ")) >= 2


#: Units named before the task, minutes-style: ``由办公室负责,按照…`` / ``由A、B牵头,…`` / ``由A牵头,会同B、C,…``.
_NAMES = r"[^,。;:()]{1,60}?(?:\([^()]{1,20}\)[^,。;:()]{0,30}?)*"
_UNIT_PREFIX = re.compile(rf"^\s*由({_NAMES}(?:负责|牵头)(?:落实)?(?:,会同{_NAMES}(?=,))?)\s*[,:]")


def unit_prefix(printed: str) -> str | None:
    """The annotation a text opens with (``由X负责,…`` → ``X负责``), when it names units; ``None`` otherwise."""
    m = _UNIT_PREFIX.match(normalize(printed))
    return printed[m.start(1):m.end(1)] if m and looks_like_units(m.group(1)) else None
