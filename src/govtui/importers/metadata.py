"""A plan's title, organisation, year and publication date, from the lines printed around it.

The year is the plan's own: from its title (``…2024年政务公开…``, ``二〇二四年``, ``2025年度``), never
from a page's publication or upload date, a navigation bar or a year mentioned in the text
(``2022年北京冬奥会`` in a 2018 plan).  No year printed → none.  The organisation comes from the
title, else from a ``发布机构:`` line, else from the line above the title or the signing body; a title's name
without its place (``市人民政府办公厅``) is completed by the signing body's (``武汉市人民政府办公厅``), see
:mod:`govtui.importers.organization`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from govtui.domain import vocabulary as V
from govtui.domain.text import HAN, fold, normalize
from govtui.importers.blocks import RUN_TOGETHER, Document, Line, Row
from govtui.importers.headings import is_chrome
from govtui.importers.labels import label_of, labelled_cells
from govtui.importers.organization import (
    completed,
    forwarded_org,
    is_org,
    is_scope,
    notice_org,
    signing_body,
    trim_org,
)
from govtui.importers.titles import FILE_NAME, TITLE_WORDS, cited_titles, clean_title, is_title, unmarked
from govtui.importers.years import MULTI_YEAR, STATED, YEAR, carried_out_year, stated_year

_CN_YEAR = re.compile("([〇零一二三四五六七八九]{4})(?=\\s*年)")
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
#: The start of a notice's title broken before the plan's name: ``XX县人民政府办公室关于印发XX县2023年``.
_NOTICE_HEAD = re.compile(r"关于(?:印发|做好)(?!.*通知)")


@dataclass(slots=True)
class Metadata:
    title: str = ""
    organization: str = ""
    year: int | None = None
    published: dt.date | None = None
    year_reason: str = ""  # where a year not printed in the plan's own title was taken from
    organization_reason: str = ""  # why the organisation is not the one the title prints


def org_and_year(title: str) -> tuple[str, int | None]:
    """``台山市民政局2019年政务公开工作要点`` → (``台山市民政局``, 2019); either may be missing.  A space a page put
    between two characters of the body's name (``上海市 卫生健康委员会``) is no part of it."""
    org, year = _org_and_year(title)
    return re.sub(rf"(?<=[{HAN}])\s+(?=[{HAN}])", "", org), year


def _org_and_year(title: str) -> tuple[str, int | None]:
    norm = _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGIT), normalize(title))
    norm = _NOT_OWN_YEAR.sub(lambda m: " " * len(m.group()), norm)  # same length: indexes still hold
    m = YEAR.search(norm)
    if not m:
        org = trim_org(title[: len(TITLE_WORDS.split(norm)[0])].strip(" 《“"))  # 東湖區關于全面推進…
        return (org if len(org) >= 2 and is_org(org) else ""), None
    year = int(m.group(1))
    before = trim_org(title[: m.start()].strip(" 《“"))
    if len(before) >= 2:
        return ("" if is_scope(before) else before), year
    if re.search(r"(?:贯彻|落实|转发|执行)\s*[《“]?\s*$", norm[:m.start()]):  # ``贯彻落实2019年山东省…要点任务分工``:
        return "", year  # the body after the year is the carried-out plan's, not this one's
    # ``关于开展岳阳县2025年度…活动的通知``: the place between the notice's verb and the year is its body
    about = re.match(r"\s*关于(?:开展|做好|进一步做好|组织|组织开展)(\S{2,20})\s*$", norm[:m.start()])
    if about is not None and is_org(title[about.start(1):about.end(1)]):
        return title[about.start(1):about.end(1)], year
    after_at = m.end() + (1 if norm[m.end():m.end() + 1] == "度" else 0)
    if month := re.match(r"\s*\d{1,2}\s*(?:[-—–]\s*\d{1,2}\s*)?月份?", norm[after_at:]):
        after_at += month.end()  # ``2023年5月民政局…``: the month is no part of the body's name
    rest = norm[after_at:]
    cut = re.search(rf"({'|'.join(V.TITLE_WORDS)}|工作要点|年度)", rest)
    org = title[after_at: after_at + (cut.start() if cut else 0)].strip()
    return (org if is_org(org) or _place_and_field(org) else ""), year


#: A place and the field it names after a title's year (``2021年广元市交通运输政务公开工作要点``): the body as the
#: title prints it, though no office's name (a scope such as 全市交通运输 is none).
_PLACE_FIELD = re.compile(rf"[{HAN}]{{2,6}}?[省市县区州盟旗][{HAN}]{{2,8}}")


def _place_and_field(text: str) -> bool:
    norm = normalize(text)
    return _PLACE_FIELD.fullmatch(norm) is not None and not is_scope(norm) and "各" not in norm


#: Years in a title that are not the plan's: inside a document it cites (〈…五年行动计划(2021—2025年)〉), or a
#: span of years (2016-2020年): the plan covers several, so it has no one year.
_YEAR_SPAN = r"(?:19|20)\d\d\s*年?\s*[-—–~至到]\s*(?:19|20)\d\d\s*年"
_NOT_OWN_YEAR = re.compile(rf"[〈《][^〈〉《》]*[〉》]|{_YEAR_SPAN}")


#: A title run together with the first sentence after it: ``绥棱县2018年政务公开工作要点实施方案为深入贯彻…``.
#: A title glued to what follows it: the first sentence, or the table's header (``…分工方案工作任务具体要求…``), on a
#: sharing site's page that may open with its page number (``1、``); its year may stand spaced (``某局 2017 年…``).
_GLUED_TITLE = re.compile(rf"^\s*(?:\d{{1,2}}、)?(\S(?:\S| (?=\d)|(?<=\d) ){{3,60}}?(?:{'|'.join(V.TITLE_ENDINGS)}))"
                          r"(?=为|根据|按照|依据|现将|经|各|序号|工作任务|重点任务|主要任务|具体要求)")


def _title_head(above: str, title: str) -> bool:
    """``宜春市推進社會公益事業建設領域`` over ``政府信息公開實施方案``: a title's first line, naming the body the
    second line alone does not (a short line, no sentence, no label)."""
    norm = normalize(above).strip()
    return 4 <= len(norm) <= 40 and not re.search(r"[。,:;!?《》]", norm) and not is_chrome(above) \
        and not org_and_year(clean_title(title))[0] and is_org(org_and_year(clean_title(above + title))[0])


def _pieces(text: str) -> list[str]:
    """A line run together, cut at its spaces — but a year printed apart (``和平区 2022 年政务公开工作要点``) stays
    with the words on either side of it."""
    kept = re.sub(r"(?<=\S) ((?:19|20)\d\d) (?=年)", "\u2060\\1\u2060", text)  # a joiner, which split() keeps
    return [piece.replace("\u2060", " ") for piece in kept.split()]


def _candidates(document: Document, limit: int = 80) -> list[str]:
    """The lines a title may be on: lines, and table rows holding one filled cell (a title row)."""
    lines: list[str] = []
    for block in document.blocks[:400]:
        if isinstance(block, Line):
            if len(block.text) > 90:  # a page run together on one line: its start may be the title
                if (glued := _GLUED_TITLE.match(normalize(block.text))) is not None:  # …工作要点为深入贯彻…
                    lines.append(block.text[glued.start(1): glued.end(1)])  # whole, spaces and all
                else:
                    lines.extend(piece for piece in _pieces(block.text[:RUN_TOGETHER])[:3] if piece)
                if len(block.text) > RUN_TOGETHER:  # a page run together, its line breaks printed as spaces: its pieces
                    lines.extend(piece for piece in _pieces(block.text)[3:60] if len(piece) <= 90)
            lines.append(unmarked(block.text))
        elif isinstance(block, Row):
            own = [c.text for c in block.filled() if not c.merged]
            lines.extend(own if len(own) == 1 else labelled_cells(own))
        if len(lines) >= limit:
            break
    return lines


def read_metadata(document: Document) -> Metadata:
    lines = _candidates(document)
    meta = Metadata()
    labelled: dict[str, str] = {}
    for line in lines:
        if (found := label_of(line)) is not None and found[1]:
            labelled.setdefault(found[0], found[1])
    cited = cited_titles(lines)  # an attachment line or a forwarded notice the preamble cites: not the plan's title
    titles = [i for i, line in enumerate(lines) if is_title(line) and normalize(clean_title(line)) not in cited]
    # a document-sharing page's file name (…工作要点.docx) is the title only when the text prints none
    title_at = next((i for i in titles if not FILE_NAME.search(lines[i].strip())), titles[0] if titles else None)
    split = next((i for i in range(min(len(lines) - 1, title_at if title_at is not None else len(lines)))
                  if not is_title(lines[i])
                  and (TITLE_WORDS.search(normalize(lines[i])) or _NOTICE_HEAD.search(normalize(lines[i])))
                  and is_title(lines[i] + lines[i + 1]) and len(lines[i]) >= 8), None)
    if split is None and title_at and _title_head(lines[title_at - 1], lines[title_at]):
        split = title_at - 1
    if split is not None:  # a title printed over two lines
        lines = [*lines[:split], lines[split] + lines[split + 1], *lines[split + 2:]]
        title_at = split
    if title_at is not None:  # the same title printed again just below with its organisation or year: that one
        first_org, first_year = org_and_year(clean_title(lines[title_at]))
        core = normalize(clean_title(lines[title_at]))  # the same title printed whole further on (``海口市2019年…``
        better = [i for i in range(title_at + 1, len(lines)) if is_title(lines[i])  # below ``年政务公开工作要点``)
                  and (i < title_at + 4 or normalize(clean_title(lines[i])).endswith(core))
                  and _fuller(org_and_year(clean_title(lines[i])), first_org, first_year)]
        if better:  # the nearest, one naming its body first
            title_at = min(better, key=lambda i: (not org_and_year(clean_title(lines[i]))[0], i))
        meta.title = clean_title(lines[title_at])
        meta.organization, meta.year = org_and_year(meta.title)
        if not meta.organization:  # ``市人民政府辦公廳關于印發2018年…要点的通知``: the notice's issuer, to be completed
            meta.organization = _issuer(lines[title_at])
    if meta.year is None and (carried := carried_out_year(meta.title)) is not None:
        meta.year = carried
        meta.year_reason = f"计划年度 {carried} 取自标题所贯彻落实的年度计划 (the year of the plan it carries out)"
    if meta.year is None and not re.search(_YEAR_SPAN, normalize(meta.title)):  # a span: no one year of its own
        meta.year, meta.year_reason = stated_year(lines, annual=not MULTI_YEAR.search(normalize(meta.title)),
                                                  titled=title_at is not None)
        stated = next((m for line in lines[:40] if (m := STATED.match(normalize(line)))), None)
        if not meta.organization and stated is not None and is_org(trim_org(stated.group(2))):
            meta.organization = trim_org(stated.group(2))  # ``2023年上海市医疗保障局政务公开工作的总体要求是``
    if not meta.organization and is_org(labelled.get("organization", "")):
        meta.organization = labelled["organization"]
    if not meta.organization and title_at is not None:
        # printed on the line above the title, or just below it (not the signing body before a date)
        above = lines[title_at - 1].strip() if title_at else ""
        below = lines[title_at + 1].strip() if title_at + 1 < len(lines) else ""
        after = lines[title_at + 2].strip() if title_at + 2 < len(lines) else ""
        if is_org(above) and label_of(above) is None:
            meta.organization = above
        elif is_org(below) and not _DATE.search(normalize(after)):
            meta.organization = below
    tail = [b.text for b in document.blocks[-20:] if isinstance(b, Line)]  # signed at the end of a long plan
    signed = signing_body(lines) or signing_body(tail)
    if not meta.organization:  # a notice forwarding the plan is not its body
        meta.organization = forwarded_org(lines, meta.title)
    if not meta.organization:
        meta.organization = signing_body(lines) or notice_org(lines) or signing_body(tail) or _opening_body(lines)
    meta.organization, meta.organization_reason = completed(meta.organization, signed)
    if not meta.title and document.sheet:
        meta.title = document.sheet
    meta.published = _published(labelled.get("date", ""), lines)
    return meta


def _issuer(line: str) -> str:
    """The body issuing a notice (``某市人民政府办公室关于印发…的通知`` → the office), or ``""``."""
    printed = fold(line).strip()
    if (labelled := label_of(printed)) is not None:
        printed = labelled[1]
    notice = re.search(r"关于印发", normalize(printed))
    issuers = printed[:notice.start()].split() if notice is not None else []  # bodies issuing it together: the first
    issuer = trim_org(issuers[0]) if issuers else ""
    return issuer if is_org(issuer) else ""


#: A plan printed without its title that opens by naming its year and body: ``2017年,国务院国资委全面贯彻…``.
_OPENING = re.compile(r"^\s*(?:19|20)\d\d\s*年度?\s*,\s*([^。,;:]{2,40})")
_OPENING_VERB = re.compile(r"将|要|坚持|围绕|按照|紧紧|认真|全面|深入|继续|进一步|着力|聚焦|持续|结合|以习近平")


def _opening_body(lines: list[str]) -> str:
    """The body the first sentence of such a plan names (``国务院国资委``), or ``""``."""
    for line in lines[:12]:
        if (m := _OPENING.match(normalize(line))) is not None:
            verb = _OPENING_VERB.search(normalize(line), m.start(1) + 2, m.end(1))  # …委员会将以…: the body ends
            body = trim_org(line[m.start(1):verb.start() if verb else m.end(1)])
            return body if is_org(body) and not re.match(r"全|我|本|各", normalize(body)) else ""
    return ""


def _fuller(found: tuple[str, int | None], org: str, year: int | None) -> bool:
    """A title printed again below the first prints what the first lacks: its year, or its body's place
    (``民政局政务公开方案`` over ``威县民政局政务公开工作实施方案``)."""
    if year is None and found[1] is not None:
        return True
    return bool(org) and len(found[0]) > len(org) and normalize(found[0]).endswith(normalize(org)) \
        and (found[1] or year) == year and is_org(found[0])  # ``1.五河县``, ``相关附件:郎溪县``: no body's name


def _published(labelled: str, lines: list[str]) -> dt.date | None:
    for text in (labelled, *lines[:30]):
        m = _DATE.search(normalize(text))
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None
