"""A text document's bytes → its text, or a message saying what the file is instead."""

from __future__ import annotations

from govtui.domain.errors import DocumentError
from govtui.domain.text import DecodeError, decode_document, strip_controls

_BINARY_MAGIC = {
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"PK\x03\x04": "压缩包(不是 Word .docx 或 Excel .xlsx 文件)",
    b"\xd0\xcf\x11\xe0": "旧版 Office 文件(.doc/.xls/.wps),请在 Word/WPS 中另存为 .docx 或 PDF 后再导入",
    b"\x7fELF": "程序文件",
    b"Rar!": "RAR 压缩包",
    b"\x1f\x8b": "gzip 压缩包",
}


def document_text(data: bytes, name: str) -> str:
    """Decoded, cleaned text of a text document; binary files are refused by name, as is a file of no text."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(f"{name}: 这是{what},不是计划文档")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: 文件含有 NUL 字节,是二进制文件,不是文本文档 (binary)")
    try:
        text = decode_document(data)
    except DecodeError as exc:
        raise DocumentError(f"{name}: {exc}") from exc
    text = strip_controls(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{name}: 文件中没有文字 (no text)")
    return text
