"""Compares two independent readers of one XLSX, cell by cell: openpyxl, and LibreOffice's CSV of
every sheet (`soffice --convert-to csv:…,-1` writes BOOK-SHEETNAME.csv per sheet into FOLDER).

Our sheets carry no row or cell references (ECMA-376 makes them optional): each row follows the
previous one and a skipped cell is an empty `<c/>`. If either reader placed a cell differently, a
text would land in another column or row here. Prints JSON: per sheet the rows and cells compared
and the first mismatches; exits 0 either way (the test judges).

usage: xlsx_libreoffice_compare.py BOOK.xlsx FOLDER
"""
import csv, datetime, json, os, sys
import openpyxl

book_path, folder = sys.argv[1], sys.argv[2]
stem = os.path.splitext(os.path.basename(book_path))[0]
book = openpyxl.load_workbook(book_path)
out = {}


def same(cell, shown):
    """Whether LibreOffice's field `shown` is openpyxl's `cell`."""
    v = cell.value
    if v is None:
        return shown == ""
    if isinstance(v, bool):
        return shown == ("TRUE" if v else "FALSE")
    if isinstance(v, datetime.datetime):
        return shown == v.replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S") or shown == (
            v + datetime.timedelta(microseconds=500_000)).replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, (int, float)):
        try:
            if shown.endswith("%"):
                return abs(float(shown[:-1]) / 100 - v) <= 0.005
            return abs(float(shown) - v) <= 1e-9 * max(1.0, abs(v))
        except ValueError:
            return False
    return shown == v


for sheet in book.worksheets:
    path = os.path.join(folder, f"{stem}-{sheet.title}.csv")
    result = {"rows": 0, "cells": 0, "mismatches": []}
    if not os.path.exists(path):
        result["missing"] = path
        out[sheet.title] = result
        continue
    with open(path, newline="", encoding="utf-8") as f:
        shown_rows = list(csv.reader(f))
    rows = list(sheet.iter_rows())
    result["rows"] = len(rows)
    result["libreoffice_rows"] = len(shown_rows)
    for r, row in enumerate(rows):
        shown = shown_rows[r] if r < len(shown_rows) else []
        for c, cell in enumerate(row):
            field = shown[c] if c < len(shown) else ""
            result["cells"] += 1
            if not same(cell, field) and len(result["mismatches"]) < 10:
                result["mismatches"].append({"row": r + 1, "column": c + 1, "openpyxl": repr(cell.value), "libreoffice": field})
        # Nothing LibreOffice placed beyond openpyxl's cells.
        for c in range(len(row), len(shown)):
            if shown[c] != "" and len(result["mismatches"]) < 10:
                result["mismatches"].append({"row": r + 1, "column": c + 1, "openpyxl": "None", "libreoffice": shown[c]})
    out[sheet.title] = result
json.dump(out, sys.stdout, ensure_ascii=False)
