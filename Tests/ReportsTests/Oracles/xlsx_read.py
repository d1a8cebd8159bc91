"""Reads an XLSX with openpyxl (an independent reader) and prints what a test checks, as JSON."""
import datetime, json, sys
import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": []}
for sheet in book.worksheets:
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            v = cell.value
            if isinstance(v, datetime.datetime):
                cells.append({"date": v.isoformat()})
            elif isinstance(v, bool):
                cells.append({"bool": v})
            elif isinstance(v, (int, float)):
                number = {"number": v}
                if cell.number_format != "General":
                    number["format"] = cell.number_format
                cells.append(number)
            elif v is None:
                cells.append(None)
            else:
                cells.append({"text": v})
        rows.append(cells)
    out["sheets"].append({
        "name": sheet.title,
        "freeze": sheet.freeze_panes,
        "widths": {k: v.width for k, v in sheet.column_dimensions.items() if v.customWidth},
        "rows": rows,
    })
json.dump(out, sys.stdout, ensure_ascii=False)
