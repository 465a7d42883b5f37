"""Which body a plan is: telling a body's name from other words, and the name a notice prints outside its title.

A plan's title names its body (``台山市民政局2019年…``); when it does not, or names it without its place
(``市人民政府办公厅关于印发…``), the notice around the plan still does: the issuer printed on its own line over
``关于…的通知``, or the signing body (a name on the line before its date, or after ``特此通知。``). A notice forwarding
another body's plan (``现将《…》转发你们``) is signed by the forwarder: the plan is the forwarded notice's issuer's.
"""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.text import HAN, normalize, unglossed

#: A preamble's sentence (为深入贯彻…, 根据…): not a title, whatever documents it names.
SENTENCE_START = re.compile(r"^\s*(为了?|根据|按照|依据|依照|结合|遵照|近年来|今年|当前|现将)")
#: Words for a scope or for oneself, never an organisation's name: 全县, 全市, 我局, 本单位.
_SCOPE = re.compile(r"^(?:全|我|本|各)(?:省|市|县|区|州|镇|乡|局|委|办|厅|单位|部门|系统|街道)?$")


def is_scope(text: str) -> bool:
    return _SCOPE.match(normalize(text)) is not None


def is_org(text: str) -> bool:
    """A line naming an organisation (not its website: ``XX县人民政府门户网站`` is a page banner)."""
    norm = unglossed(normalize(text.strip()))  # 東湖區(qū): a name with pinyin glosses injected
    bare = re.sub(r"(?<=.)\([^()]{2,20}\)$", "", norm)  # 某市文化和旅游局(某市广播电视局): a name and its alias
    return 2 <= len(norm) <= 40 and norm not in V.UNIT_SUFFIXES and not _SCOPE.match(norm) \
        and bare.endswith(V.UNIT_SUFFIXES) and not re.search(r"[,。:;《》]", norm) \
        and not norm.endswith("网站") and not SENTENCE_START.match(norm) and not norm[0].isdigit() \
        and norm[0] not in "?·•■□◆◇●○※*>»:,、;。"  # ``1、``, ``? ``, ``>>``: a mark, no part of a name


_TITLE_WORD = re.compile("|".join(V.TITLE_WORDS))
_TITLE_ENDING = re.compile("|".join(V.TITLE_ENDINGS))


def trim_org(text: str) -> str:
    """``旌德县人民政府办公室关于做好`` → the office; ``宁波市江北区推进`` → ``宁波市江北区``; ``衢州市政务公开五年行动
    计划(…)和`` (another plan's title before this one's year) → ``衢州市``."""
    norm = normalize(text)
    cut = re.search(r"关于|印发|转发|贯彻|落实|推进|做好|加强|深化", norm)  # normalised: 貫徹 is 贯彻
    if (word := _TITLE_WORD.search(norm)) and _TITLE_ENDING.search(norm, word.end()):
        cut = word if cut is None or word.start() < cut.start() else cut  # a whole title: the body is before it
    text = _first_issuer((text[: cut.start()] if cut else text).strip())
    norm = normalize(text)
    if not text or re.sub(rf"(?<=.)\([{HAN}][^()]{{1,19}}\)$", "", norm).endswith(V.UNIT_SUFFIXES):
        return text  # 某市水务局(某市海洋局): a name and its alias, whole (not a pinyin gloss: 東湖區(qū))
    ends = [i + 1 for i in range(2, len(norm)) if norm[: i + 1].endswith(V.UNIT_SUFFIXES)]
    return text[: max(ends)] if ends else text


#: Where a second issuing body starts, run on after the first (``中共西藏自治区委员会办公厅西藏自治区人民政府办公厅``):
#: after a body's office, a name that opens with a place (or 中共) and is a body of its own.
_SECOND_ISSUER = re.compile(rf"(?:(?<=办公厅)|(?<=办公室)|(?<=委员会)|(?<=人民政府))"
                            rf"(?!办公|委员会)(?=(?:中共)?[{HAN}]{{2,6}}?(?:省|市|县|区|自治区|州|盟|旗))")


def _first_issuer(text: str) -> str:
    """Of two issuing bodies run together, the first (a joint notice: the plan is the first body's as much as the
    second's); one body whole."""
    norm = normalize(text)
    for m in _SECOND_ISSUER.finditer(norm):
        if is_org(text[:m.start()]) and is_org(text[m.start():]) and len(norm) - m.start() >= 6:
            return text[:m.start()]
    return text


#: A signature's date: ``2018年8月22日``, ``2021-07-08``, or one whose characters a copy lost (``202178``,
#: ``2017??3?``): a line opening with a year that holds no word but 年月日 (and no more than a few marks after).
_DATE_LINE = re.compile(rf"\s*(?:19|20)\d\d[^{HAN}]{{0,12}}(?:[年月日][^{HAN}]{{0,8}}){{0,3}}")


def signing_body(lines: list[str]) -> str:
    """The body that signed a notice: an organisation's name on the line before its date, or the first of
    those after ``特此通知。`` (two bodies may sign together, undated)."""
    for i, line in enumerate(lines[:-1]):
        if is_org(line) and _DATE_LINE.fullmatch(normalize(lines[i + 1])):
            return line.strip()
        if normalize(line).strip().startswith(("特此通知", "特此函告", "特此公告")) and is_org(lines[i + 1]):
            return lines[i + 1].strip()
    return ""


def notice_org(lines: list[str]) -> str:
    """The office a covering notice comes from: ``旌德县人民政府办公室关于做好…的通知``, or its name printed on a line
    of its own over the notice's title (``会理县人民政府办公室`` / ``关于进一步提升…的通知``)."""
    for i, line in enumerate(lines[:12]):
        m = re.match(r"^\s*(\S{2,30}?)(?:关于|文件\s*(?=$|\S{1,8}[\[〔(]\s*(?:19|20)\d\d\s*[\]〕)]\s*\d{1,4}\s*号))",
                     normalize(line))  # ``某市人民政府办公厅文件`` over or before its number: the issuer's red header
        if m and is_org(m.group(1)):
            return line.strip()[: m.end(1) - (len(line) - len(line.lstrip()))]
        if i + 1 < len(lines) and is_org(line) and re.match(r"\s*关于\S*通知\s*$", normalize(lines[i + 1])):
            return line.strip()
    return ""


#: A notice forwarding another body's notice or plan: ``现将《…》转发你们``, ``关于转发…的通知``.
_FORWARDS = re.compile(r"转发")


def forwarded_org(lines: list[str], title: str) -> str:
    """The body whose plan a notice forwards (``现将《某省人民政府办公厅关于印发<title>的通知》转发你们``): the issuer
    the quoted notice names, else the body signing the last notice before the plan's title printed on its own line,
    never the forwarder's own; ``""`` when no notice forwards it."""
    plan = re.sub(r"\s", "", normalize(title))
    at = next((i for i, line in enumerate(lines[:40]) if _FORWARDS.search(normalize(line))), None)
    if not plan or at is None:
        return ""
    for m in re.finditer(r"《([^《》]+)》", normalize(lines[at])):
        issuer = re.match(r"(\S{2,30}?)关于(?:印发|转发)", m.group(1))
        if issuer and plan in re.sub(r"\s", "", m.group(1)) and is_org(issuer.group(1)):
            start = normalize(lines[at]).index(m.group(1))  # as printed (normalising keeps each character's place)
            return lines[at][start: start + len(issuer.group(1))]
    own = next((i for i in range(at + 1, len(lines)) if re.sub(r"\s", "", normalize(lines[i])) == plan), at)
    signed = [line.strip() for i, line in enumerate(lines[at: own - 1], at)
              if is_org(line) and _DATE_LINE.fullmatch(normalize(lines[i + 1]))]
    return signed[-1] if len(signed) >= 2 else ""


def completed(org: str, signed: str) -> tuple[str, str]:
    """The title's ``市人民政府辦公廳`` is the signing ``武漢市人民政府辦公廳`` without its place: the signing body's
    full name, with the reason; any other organisation stays."""
    if org and signed and len(signed) > len(org) and normalize(signed).endswith(normalize(org)):
        return signed, f"制发单位取自落款“{signed}”(标题只写“{org}”)"
    return org, ""
