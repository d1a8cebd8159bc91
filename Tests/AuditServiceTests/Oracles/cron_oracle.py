#!/usr/bin/env python3
"""Next fire times by croniter, the independent oracle for ictaudit's cron parser.

Reads JSON lines {"expr", "tz", "start", "count"} (start in epoch seconds) from the file named
as the argument (or stdin) and writes one
JSON line per input: {"times": [epoch seconds, ...]} or {"error": "..."}.
"""
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from croniter import croniter

for line in open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin:
    case = json.loads(line)
    try:
        zone = ZoneInfo(case["tz"])
        it = croniter(case["expr"], datetime.fromtimestamp(case["start"], zone))
        times = [it.get_next(datetime).timestamp() for _ in range(case["count"])]
        print(json.dumps({"times": times}))
    except Exception as error:  # the Swift side reports the expression and the error
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
