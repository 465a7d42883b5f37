"""A printed list of unit names → the names: split at 、 / and the like outside brackets of every kind, a level of
government joined to the body after it (``各市、县(市、区)教育局``), the list's own wording cut off (``…等有关部门``,
``…按职责分工``, a topic before 由, a duty after a name), names run together or joined by 和/及/与 split apart.

Roles are not told here: :mod:`govtui.domain.units` reads an annotation's clauses and roles and asks this module
for the names of each clause.
"""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.text import ROUND_BRACKETS, fold, normalize, unglossed


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_GENERIC = re.compile(rf"^({alternation(V.GENERIC_PREFIXES)})|.(?:{alternation(V.GENERIC_INFIXES)})")
#: The list's wording, also cut short at the end of a page (``…按职责分工落``).
_TAIL_WORDS = V.NAME_TAIL_WORDS + tuple({w[:n] for w in V.NAME_TAIL_WORDS if w.startswith(("按", "等按"))
                                         for n in range(3, len(w))})
_NAME_TAIL = re.compile(rf"({alternation(_TAIL_WORDS)})$")
SUFFIX_CHARS = "".join(sorted({s[-1] for s in V.UNIT_SUFFIXES}))
_NAME_SPLIT = re.compile(r"[、/\s]+|^以及|(?<=\S)以及(?=\S)|(?<=\S)及(?=各|相关|有关)|(?<=\S)和(?=各|相关|有关)")


def is_generic(name: str) -> bool:    return bool(_GENERIC.search(normalize(name)))


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


def split_outside(pattern: re.Pattern[str], text: str) -> list[str]:
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
_ETC_AFTER_UNIT = re.compile(rf"(?<=[{SUFFIX_CHARS}])等[^、,;()]{{0,12}}$")
#: ``区数据管理局做好技术支持和指导``, ``各镇(街)做好发布工作``: after a unit's name (or its bracket), the duty a unit
#: cell gives it (做好…, 提供…, 承担…).
_DUTY_AFTER_UNIT = re.compile(rf"(?<=[{SUFFIX_CHARS})])"
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


#: Spaces a copy printed around a name's brackets (``各县 (市、 区 ) 政府``): no gap between two names.
_BRACKET_SPACES = re.compile(r"\s+(?=[(（〔【])|(?<=[(（〔【])\s+|\s+(?=[)）〕】])"
                             r"|(?<=[)）〕】])\s+(?=(?:人民政府|政府|党委|委员会|管委会)(?:[、,;/\s]|$))")


def list_names(chunk: str) -> list[str]:
    out: list[str] = []
    for piece in _joined_levels(split_outside(_NAME_SPLIT, _BRACKET_SPACES.sub("", chunk))):
        piece = clean_name(piece)
        piece = re.sub(r"^由", "", piece)
        piece = _after_topic(piece)
        piece = clean_name(_strip_tail(piece))
        if piece and normalize(piece) not in ("等", "和", "及", "各", "相关"):
            out.extend(name for part in _conjoined(piece) for name in split_run_together(part))
    return out


def _conjoined(name: str) -> list[str]:
    """``各市政府和省委农工办`` → two units: 和/及/与 between two bodies' names (each ends as a body's does);
    ``文化和旅游局``, ``住房和城乡建设局`` are one (``文化``, ``住房`` are no body), and so is ``起草处室及单位``
    (a word for a kind of body alone names none)."""
    norm = normalize(name)
    for m in re.finditer(r"[和及与]", norm):
        left, right = name[:m.start()], name[m.end():]
        outside = norm[:m.start()].count("(") == norm[:m.start()].count(")")
        bare = normalize(left) in V.UNIT_SUFFIXES or normalize(right) in V.UNIT_SUFFIXES  # ``处室及单位``: a kind
        if outside and not bare and is_unit_name(left) and is_unit_name(right):
            return [left, *_conjoined(right)]
    return [name]


#: ``执法事项清单由政策法规司``: a clause's topic, then 由 and the unit that does it (never 自由, 理由, 经由).
_TOPIC = re.compile(r"^(.{2,24}?)(?<![自理经缘])由(?=.{2})")


def _after_topic(piece: str) -> str:
    """``规范性文件公开由制发司(局)`` → ``制发司(局)``: the topic before 由 is what is done, not who."""
    m = _TOPIC.match(normalize(piece))
    if m is None or is_unit_name(m.group(1)) or not is_unit_name(piece[m.end():]):
        return piece
    return piece[m.end():]


def is_unit_name(name: str) -> bool:
    bare = unglossed(normalize(re.sub(r"\([^()]*\)$", "", name)))  # 综合科(法规科) → 综合科; 質(zhì)量 → 質量
    return 2 <= len(bare) <= 20 and (bare.endswith(V.UNIT_SUFFIXES) or bool(_GENERIC.match(bare)))


def all_units(chunk: str) -> bool:
    names = list_names(chunk)
    return bool(names) and all(is_unit_name(n) for n in names)
