"""Responsible-unit text → units with roles.

``办公室牵头,各科室配合`` → 办公室 (lead), 各科室 (cooperate);
``相关业务科室、办公室`` → both responsible;
``牵头单位:办公室;配合单位:财务室`` → lead and cooperate;
``养老服务和社会救助股慈善事业和社会福利股`` (separator missing) → two units.
Generic assignments (各科室, 相关业务科室, 各单位 …) are marked generic.
"""

from __future__ import annotations

import re

from govtui.model import Role, Unit
from govtui.text import fold

# Characters a unit name ends with.  Used to split run-together names and to judge table cells.
UNIT_SUFFIXES = ("科室", "股室", "处室", "部门", "单位", "中心", "机构", "政府", "街道", "乡镇", "小组", "公司",
                 "委员会", "办公室", "科", "室", "股", "处", "局", "办", "委", "部", "院", "会", "所", "站",
                 "队", "组", "厅", "署", "司", "馆", "团", "社", "行", "镇", "县", "区", "市", "省", "团委",
                 "支部", "党组", "分局", "大队", "中队", "庭", "校", "台", "协", "联")
_GENERIC = re.compile(r"^(各|相关|有关|其他|其它|全体|所有|所属|本级|各级|涉及)")
_ROLE_KEYS = {
    "牵头单位": Role.LEAD, "牵头部门": Role.LEAD, "牵头科室": Role.LEAD, "牵头股室": Role.LEAD,
    "牵头处室": Role.LEAD, "牵头": Role.LEAD,
    "配合单位": Role.COOPERATE, "配合部门": Role.COOPERATE, "配合科室": Role.COOPERATE,
    "配合股室": Role.COOPERATE, "配合处室": Role.COOPERATE, "协办单位": Role.COOPERATE, "配合": Role.COOPERATE,
    "参与单位": Role.COOPERATE,
}
# Wording that surrounds a unit list but names no unit.
_TAIL = re.compile(r"(等(?:单位|部门|科室)?)?(按职责分工|按照职责分工|按职责|根据职责|依职责|分别|共同)?"
                   r"(负责|落实|配合|牵头|参与|实施|推进|承担|抓好落实)?$")
_LEAD_TAIL = re.compile(r"(牵头负责|牵头抓总|牵头)$")
_COOP_TAIL = re.compile(r"(协助配合|配合落实|积极配合|协助|配合)$")
_RESP_TAIL = re.compile(r"(具体负责|负责落实|负责)$")
_CLAUSE_SPLIT = re.compile(r"[;；,，。\n]+|(?<=牵头)[、\s]+|(?<=配合)[、\s]+|(?<=负责)[、\s]+")
_NAME_SPLIT = re.compile(r"[、/／\s]+|(?<=[^\s])及(?=各|相关|有关)|(?<=[^\s])和(?=各|相关|有关)")


def is_generic(name: str) -> bool:
    return bool(_GENERIC.match(name))


def clean_name(name: str) -> str:
    """Canonical spelling of one unit name: ASCII punctuation, no spaces or stray marks."""
    name = fold(name).strip(" \t:：,.;、-—")
    name = re.sub(r"\s+", "", name)
    if name.startswith("(") and name.endswith(")"):
        name = name[1:-1]
    return name


def split_run_together(name: str) -> list[str]:
    """Split names printed without a separator: ``养老服务和社会救助股慈善事业和社会福利股``.

    Only splits where both halves end in the same office suffix (股…股, 科…科) and are at
    least three characters long, so ``市民政局办公室`` and ``综合科(法规科)`` stay whole.
    """
    if len(name) < 6:
        return [name]
    last = name[-1]
    if last not in "股科室处组":
        return [name]
    depth = 0
    for i, char in enumerate(name[:-1]):
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and char == last and i >= 2 and len(name) - i - 1 >= 3 and name[i + 1] != "(":
            left, right = name[: i + 1], name[i + 1:]
            if right.startswith(("室", "股")):  # 科室, 股室 are one word
                continue
            return [left, *split_run_together(right)]
    return [name]


def _names(chunk: str) -> list[str]:
    out: list[str] = []
    for piece in _NAME_SPLIT.split(chunk):
        piece = clean_name(_TAIL.sub("", clean_name(piece)) or piece)
        if piece and piece not in ("等", "和", "及"):
            out.extend(split_run_together(piece))
    return out


def parse_units(text: str) -> list[Unit]:
    """Split a responsible-unit cell or annotation into units with roles, in printed order."""
    folded = fold(text)
    units: list[Unit] = []
    seen: set[tuple[str, Role]] = set()
    for clause in _CLAUSE_SPLIT.split(folded):
        clause = clause.strip()
        if not clause:
            continue
        role = Role.RESPONSIBLE
        key, sep, rest = clause.partition(":")
        key = key.strip()
        if sep and key in _ROLE_KEYS:
            role, clause = _ROLE_KEYS[key], rest
        elif sep and re.fullmatch(r"(责任|主责|承办|负责)?(单位|部门|科室|股室|处室|主体)", key):
            clause = rest.strip()
        if role is not Role.RESPONSIBLE:
            pass
        elif m := _LEAD_TAIL.search(clause):
            role, clause = Role.LEAD, clause[: m.start()]
        elif m := _COOP_TAIL.search(clause):
            role, clause = Role.COOPERATE, clause[: m.start()]
        elif m := _RESP_TAIL.search(clause):
            clause = clause[: m.start()]
        clause = re.sub(r"^由", "", clause.strip())
        for name in _names(clause):
            if (name, role) not in seen:
                seen.add((name, role))
                units.append(Unit(name, role, is_generic(name)))
    return units


def looks_like_units(text: str) -> bool:
    """Whether a short table cell reads as a list of responsible units."""
    folded = fold(" ".join(text.split()))
    if not folded or len(folded) > 80 or "。" in folded:
        return False
    names = _names(_CLAUSE_SPLIT.sub("、", re.sub(r"(牵头|配合|负责)", "、", folded)))
    if not names:
        return False
    bare = [re.sub(r"\([^()]*\)$", "", n) for n in names]  # 综合科(法规科) → 综合科
    return all(len(n) <= 20 and (n.endswith(UNIT_SUFFIXES) or len(n) <= 6) for n in bare)


def format_units(units: list[Unit]) -> str:
    """Units written the way documents write them, so that parsing the text gives them back:
    ``相关业务科室、办公室`` or ``办公室牵头,各科室配合``."""
    plain = "、".join(u.name for u in units if u.role is Role.RESPONSIBLE)
    lead = "、".join(u.name for u in units if u.role is Role.LEAD)
    cooperate = "、".join(u.name for u in units if u.role is Role.COOPERATE)
    parts = [plain, f"{lead}牵头" if lead else "", f"{cooperate}配合" if cooperate else ""]
    return ",".join(p for p in parts if p)
