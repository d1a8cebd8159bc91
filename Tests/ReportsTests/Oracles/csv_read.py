"""Reads CSV files with Python's csv module and prints their rows as JSON (BOM stripped)."""
import csv, json, sys
out = {}
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    with open(path, encoding="utf-8-sig", newline="") as f:
        out[path] = {"bom": raw.startswith(b"\xef\xbb\xbf"), "rows": list(csv.reader(f))}
json.dump(out, sys.stdout, ensure_ascii=False)
