"""Text helpers shared by importers, search and output: decoding, cleaning, folding, cell widths.

Chinese documents mix full-width and ASCII punctuation freely (``（一）`` vs ``(一)``,
``：`` vs ``:``).  ``fold`` maps each full-width form to its ASCII twin one character
for one character, so an index found in the folded text is the same index in the
original: parsers match on the folded copy and slice the printed text.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width ASCII variants (U+FF01..U+FF5E) → ASCII, ideographic space → space, and a few
# look-alikes that documents use as separators.  One character in, one character out.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}

_FOLD.update({0x3000: 0x20, 0xFE50: ord(","), 0xFE51: ord("、"), 0xFE52: ord("."),
              0xFE54: ord(";"), 0xFE55: ord(":"), 0xFF64: ord("、")})
_FOLD_TABLE = str.maketrans({chr(k): chr(v) for k, v in _FOLD.items()})

# ESC-introduced sequences (CSI, OSC, two-character escapes), then every remaining C0/C1
# control except newline and tab.  DEL included.
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


_CJK = re.compile(r"[\u4e00-\u9fff]")


class DecodeError(ValueError):
    """The bytes are neither UTF-8 nor GB18030 text."""


def fold(text: str) -> str:
    """Full-width punctuation, digits and letters → ASCII, same length."""
    return text.translate(_FOLD_TABLE)


def search_key(text: str) -> str:
    """What search compares: folded, lower-case, without white space."""
    return "".join(fold(text).lower().split())


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep newlines and tabs."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQ.sub("", text))


def decode_document(data: bytes) -> str:
    """Decode a document: UTF-8 (BOM or not) first, then GB18030; never silently replace.

    A UTF-16 file (it has a BOM) is decoded too, since Windows tools save them.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("the file starts like UTF-16 text but does not decode as UTF-16") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    lenient = data.decode("utf-8", errors="replace")
    utf8_chinese = len(_CJK.findall(lenient))
    if utf8_chinese >= 8 and lenient.count("\ufffd") * 2 <= utf8_chinese:
        # Plenty of well-formed UTF-8 Chinese and yet not UTF-8: parts were saved in another encoding.
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise DecodeError(f"the file mixes encodings: it is mostly UTF-8, but line {line} is not "
                          "(save the whole file as UTF-8)")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"the file is neither UTF-8 nor GB18030 text (undecodable byte at offset {exc.start})"
        ) from exc


def cell_width(char: str) -> int:
    """Terminal cells taken by one character."""
    if unicodedata.combining(char) or char in "\u200b\u200d":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def cell_len(text: str) -> int:
    """Terminal cells taken by ``text`` (CJK characters take two)."""
    if text.isascii():
        return len(text)
    return sum(cell_width(c) for c in text)


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``width`` cells, marking the cut with ``ellipsis``."""
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ellipsis)
    out: list[str] = []
    used = 0
    for char in text:
        w = cell_width(char)
        if used + w > room:
            break
        out.append(char)
        used += w
    return "".join(out) + ellipsis if width > 0 else ""


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` cells (cut when longer)."""
    text = truncate(text, width)
    return text + " " * (width - cell_len(text))


def one_line(text: str) -> str:
    """Collapse white space so a multi-line text fits one table row."""
    return " ".join(text.split())
