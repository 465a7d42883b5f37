"""CSV files (UTF-8 or GB18030, as Excel on a Chinese desktop saves them) as a row table."""

from __future__ import annotations

import csv
import io

from govtui.importers.rows import RowTable


def read_csv(text: str) -> RowTable:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    return RowTable(rows)
