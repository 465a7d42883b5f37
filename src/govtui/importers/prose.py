"""Prose plans (``…政务公开工作要点``): headings, then paragraphs ending in ``(责任股室:…)``.

The text may be a web page saved as text, so the site chrome around the article
(leave-site prompt, breadcrumbs, date and source lines, QR code, copyright, contacts)
is dropped first: the article starts at the title and ends at the first footer line.
"""

from __future__ import annotations

import re

from govtui.deadlines import parse_deadline
from govtui.importers.common import (
    ANNOTATION,
    DEADLINE_KEY,
    NUMBER_LEAD,
    UNITS_LINE,
    Heading,
    find_published,
    find_title,
    make_section,
    match_heading,
)
from govtui.model import Deadline, Plan, Section, Task, Unit
from govtui.text import fold
from govtui.units import parse_units

# A line that starts the page footer: everything from here on is site chrome.
FOOTER = re.compile(
    r"^\s*(扫一扫|版权声明|版权所有|联系方式|联系我们|主办单位|主办:|承办单位|网站标识码|网站地图|打印本页|"
    r"关闭窗口|【打印】|【关闭】|分享到|相关链接|相关文章|相关阅读|上一篇|下一篇|Baidu|map$|中国·|责任编辑|"
    r"来源:|\[打印\]|\[关闭\]|附件下载|政策解读|视频解读|图片解读)",
)
# Chrome lines that may appear between the title and the body.
CHROME = re.compile(
    r"^\s*(•|·|●|发布时间|发布日期|时间:|日期:|来源|发布机构|信息来源|【字体|字体:|字号|浏览次数|阅读次数|"
    r"点击数|索引号|分类|发文机关|成文日期|发布日期|主题分类|文号|您现在的位置|当前位置|首页|分享|打印|"
    r"继续访问|放弃|您访问的链接)",
)
_ONLY_PUNCT = re.compile(r"^[\s。.,;:、)]*$")


def article_lines(lines: list[str]) -> tuple[int | None, list[str]]:
    """(title index, lines of the article after the title up to the footer)."""
    title_at = find_title(lines)
    start = title_at + 1 if title_at is not None else 0
    body: list[str] = []
    seen_heading = False
    for line in lines[start:]:
        folded = fold(line).strip()
        if not folded:
            continue
        if seen_heading and FOOTER.match(folded):
            break
        if match_heading(line):
            seen_heading = True
        body.append(line.strip())
    return title_at, body


def _annotation(body: str) -> tuple[list[Unit], str]:
    """Units and the deadline text (empty when none) from one annotation body."""
    unit_parts: list[str] = []
    deadline_text = ""
    for clause in re.split(r"[;；,，]", body):
        m = DEADLINE_KEY.match(fold(clause))
        if m:
            deadline_text = clause[m.end():].strip()
        else:
            unit_parts.append(clause)
    return parse_units(";".join(unit_parts)), deadline_text


class ProseBuilder:
    """Accumulates sections and tasks while reading a prose plan line by line."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.sections: list[Section] = []
        self.tasks: list[Task] = []
        self.top: Section | None = None
        self.sub: Section | None = None
        self.description: list[str] = []

    def heading(self, heading: Heading) -> None:
        if heading.level == 1:
            self.top = make_section(heading, self.sections, None)
            self.sub = None
        else:
            self.sub = make_section(heading, self.sections, self.top)
        if heading.rest:
            self.paragraph(heading.rest)

    def _path(self) -> list[str]:
        return [s.id for s in (self.top, self.sub) if s is not None]

    def _add(self, text: str, units: list[Unit], deadline_text: str, number: str = "") -> None:
        text = text.strip().lstrip("。.;；,，、 ")
        if _ONLY_PUNCT.match(fold(text)):
            if units and self.tasks and not self.tasks[-1].units:  # an annotation on a line of its own
                self.tasks[-1].units = units
                self.tasks[-1].flags = [f for f in self.tasks[-1].flags if f != "no-units"]
            return
        deadline = parse_deadline(deadline_text, self.year) if deadline_text else Deadline()
        flags = [] if units else ["no-units"]
        order = len(self.tasks)
        self.tasks.append(Task(id="", plan_id="", number=number or str(order + 1), order=order,
                               sections=self._path(), text=text, units=units, deadline=deadline, flags=flags))

    def paragraph(self, printed: str) -> None:
        if self.top is None and self.sub is None:
            self.description.append(printed)
            return
        number = ""
        folded = fold(printed)
        if UNITS_LINE.match(folded) and self.tasks and not self.tasks[-1].units:
            # 责任单位：… on a line of its own belongs to the paragraph above it
            units, deadline_text = _annotation(printed)
            task = self.tasks[-1]
            task.units = units
            task.flags = [f for f in task.flags if f != "no-units"]
            if deadline_text and not task.deadline.text:
                task.deadline = parse_deadline(deadline_text, self.year)
            return
        m = NUMBER_LEAD.match(folded)
        if m:
            number, printed, folded = m.group(1), printed[m.start(2):], folded[m.start(2):]
        start = 0
        for ann in ANNOTATION.finditer(folded):
            units, deadline_text = _annotation(printed[ann.start("body"):ann.end("body")])
            self._add(printed[start:ann.start()], units, deadline_text, number)
            number = ""
            start = ann.end()
        self._add(printed[start:], [], "", number)


def parse_prose(lines: list[str], year: int | None) -> tuple[Plan, list[Task], int | None]:
    """Read a prose plan.  Returns a plan without id/title (the caller fills them in)."""
    title_at, body = article_lines(lines)
    builder = ProseBuilder(year)
    for line in body:
        heading = match_heading(line)
        if heading:
            builder.heading(heading)
        elif builder.top is None and builder.sub is None and CHROME.match(fold(line)):
            continue
        else:
            builder.paragraph(line)
    description = "\n".join(p for p in builder.description if len(p) >= 20)
    first_heading = next((i for i, line in enumerate(lines) if match_heading(line)), len(lines))
    preamble = [line for line in lines[:first_heading] if len(line.strip()) <= 40]
    plan = Plan(id="", title="", kind="prose", sections=builder.sections, description=description,
                published=find_published(preamble))
    return plan, builder.tasks, title_at
