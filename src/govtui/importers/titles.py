"""What a plan's title line is: the line naming the plan (``XX局2024年政务公开工作要点``), told from a cited
document's title, a news headline about it, a sharing page's file name; and the title cleaned of what surrounds it."""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.text import HAN, fold, normalize, unglossed
from govtui.importers.headings import is_chrome, match_heading
from govtui.importers.labels import label_of
from govtui.importers.organization import SENTENCE_START, is_org

TITLE_WORDS = re.compile("|".join(V.TITLE_WORDS))
#: A document number printed after a title: ``(川卫办发〔2018〕46号)``.
_NUMBER_AFTER = r"\s*\([^()]{1,12}〔\d{4}〕\d{1,4}号\)\s*$"
#: A title ends with its kind of document, perhaps followed by a bracketed note: ``…工作要点(2023年)``, ``(试行)``, or
#: by its document number.
_TITLE_END = re.compile(rf"({'|'.join(V.TITLE_ENDINGS)})(?:\s*\([^()]{{1,12}}\)|{_NUMBER_AFTER})?\s*$")


#: A page or sequence number glued before a title's first character (``1威县民政局…``, a sharing page's ``1、水产…``);
#: never a year or a count (``2021年``, ``3年行动计划``, ``1号文件``).
_GLUED_MARK = re.compile(rf"^\d{{1,3}}(?:、(?=[{HAN}])|(?=[{HAN}])(?![年月日号季届个项次条]))")
#: A document-sharing page's title of one of its pages: ``…工作计划_第1页``.
_PAGE_MARK = re.compile(r"[_\s]*第\s*\d{1,3}\s*[页頁]\s*$")
FILE_NAME = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|txt)$", re.I)


def clean_title(line: str) -> str:
    """Drop what surrounds a title: a metadata label, 【栏目】, 关于印发《…》的通知, quotes, a trailing ``|``."""
    title = re.sub(r"^[\s|]+|[\s|]+$", "", unglossed(fold(line)))  # ``…的通知 | ||||||||``: a table's empty cells;
    # 關(guān)于印發(fā): a site's pinyin glosses, which the words of a title are read without
    if (labelled := label_of(title)) is not None:  # its value as printed (the label reads the normalised text)
        at = normalize(title).find(labelled[1]) if len(normalize(title)) == len(title) else -1
        title = title[at:at + len(labelled[1])] if at >= 0 and labelled[1] else labelled[1]
    title = re.sub(r"^\s*(#+\s*|【[^】]*】|附件\s*\d*\s*[:：]?)", "", title)
    title = re.sub(r"^[\s:>»›,、;。·•]+", "", title)  # ``:和平区…``, ``>>政府办``: a colon, a breadcrumb
    title = _GLUED_MARK.sub("", title)  # 1威县民政局…: a sharing page's page marker, no part of the title
    if (quoted := _quoted_title(title)) is not None:
        title = quoted
    elif SENTENCE_START.match(normalize(title)):  # a sentence of the preamble: only the plan it says it makes
        made = _MADE.search(normalize(title))
        title = title[made.start(1):made.end(1)] if made else ""
    if (notice := re.match(r"^.{0,40}?关于印发", normalize(title))) is not None:  # (XX市人民政府办公室)关于印发…的通知
        title = title[notice.end():]  # told on the normalised text (關於印發), cut from the printed one
    title = re.sub(_NUMBER_AFTER, "", title)
    title = _PAGE_MARK.sub("", title)
    if _TITLE_END.search(normalize(bare := re.sub(r"的通知$", "", title))):  # what is left names the plan; else the
        title = bare  # notice is the plan (``…关于做好2018年政务公开工作的通知``)
    title = FILE_NAME.sub("", title)  # a sharing page titles the file
    return _without_byline(title).strip(" \t\"'“”《》")


#: What a list of documents prints after a title, apart by spaces: its issuer, its date (``… 上海市统计局 2024-05-06``).
_BYLINE = re.compile(rf"(?:{'|'.join(V.TITLE_ENDINGS)})((?:\s+\S+){{1,2}})\s*$")
_BYLINE_DATE = re.compile(r"(?:19|20)\d\d(?:[-/.]\d{1,2}){2}|(?:19|20)\d\d年\d{1,2}月\d{1,2}日")


def _without_byline(title: str) -> str:
    norm = normalize(title)  # 要點 ends a title as 要点 does
    m = _BYLINE.search(norm) if len(norm) == len(title) else None
    if m is None or not all(_BYLINE_DATE.fullmatch(piece) or is_org(piece) for piece in m.group(1).split()):
        return title
    return title[:m.start(1)]


#: Words before a 《title》 that cite another document (根据《…》, 为贯彻落实《…》): never the plan's own title.
_CITING = re.compile(r"(根据|按照|依据|依照|遵照|贯彻|落实|对照|参照|结合|依托|转发|执行)[^《》,。;]{0,20}$")
#: Words before a 《title》 that name the plan itself (现将《…》印发, 制定《…》).
_OWN = re.compile(r"(现将|特将|印发(?!的)|制定|制订|编制|研究制定|形成了?)[^《》,。;的]{0,4}$")


#: The plan such a sentence says it makes: ``…,特制定中都街道政务公开工作实施方案。``
_MADE = re.compile(rf"(?:特|现)?(?:制定|制订|编制)(?:了|本)?([^,。;《》:]{{4,40}}?(?:{'|'.join(V.TITLE_ENDINGS)}))")


def _quoted_title(line: str) -> str | None:
    """The plan's own title quoted in a line: ``现将《X局2022年…方案》印发你们`` → the quoted title; a document
    the line cites (``为贯彻落实《…》``) is passed over; ``None`` when no quoted plan title is its own."""
    norm = normalize(line)
    own: list[str] = []
    cited_end = -1  # where the last cited title ended: one listed right after it (《A》(号)、《B》) is cited too
    for m in re.finditer(r"《([^《》]+)》", norm):
        before = norm[: m.start()]
        listed = cited_end >= 0 and _LISTED.fullmatch(norm[cited_end:m.start()]) is not None
        if listed or (_CITING.search(before) and not _OWN.search(before)):
            cited_end = m.end()
        elif len(norm) > 90 and not _OWN.search(before):
            continue  # named in passing in a paragraph (及时将《…》发各处室): not the plan this page is
        elif TITLE_WORDS.search(m.group(1)):
            own.append(line[m.start(1):m.end(1)])
    return own[0] if own else None


def cited_titles(lines: list[str]) -> set[str]:
    """The documents the text cites (``为贯彻落实《X》``, ``根据《X》``), normalised: a line naming one of them (an
    attachment line, a forwarded notice) is that document's title, not the plan's."""
    found: set[str] = set()
    for line in lines:
        norm = normalize(line)
        for m in re.finditer(r"《([^《》]+)》", norm):
            if _CITING.search(norm[:m.start()]) and not _OWN.search(norm[:m.start()]):
                found.add(m.group(1).strip())
    return found


#: What stands between two cited documents of one list: a document number, 、 和 及, spaces.
_LISTED = re.compile(r"[\s、和及与,]*(?:\([^()]{0,30}\))?[\s、和及与,]*(?:等文件|文件)?")


#: A news item's headline about the plan (``山东公布2025年政务公开工作要点``): a place, a reporting verb, then the
#: plan's name — the news item's title, not the plan's.
_HEADLINE = re.compile(rf"^[{HAN}]{{2,12}}?(?:公布|发布|出台|出炉|推出|晒出)(?=(?:19|20)\d\d|《|今年|本年)")


def unmarked(line: str) -> str:
    """A line without the marks a copy printed before it (``? 山東省人民政府辦公廳``: a lost character or a bullet)."""
    return re.sub(r"^[?？·•■□◆◇●○※*\s]+", "", line).strip()


def is_title(line: str) -> bool:
    if is_chrome(line):
        return False
    norm = normalize(clean_title(line))
    return 6 <= len(norm) <= 90 and bool(TITLE_WORDS.search(norm)) and bool(_TITLE_END.search(norm)) \
        and match_heading(line) is None and _HEADLINE.match(norm) is None
