#!/usr/bin/env python3
"""Walks the ictaudit dashboard in a real headless Chromium over the DevTools protocol.

Usage: dashboard_walk.py CHROMIUM BASE_URL TOKEN SCHEDULE OUT_DIR
Signs in with the token, opens the ranking, a unit and a host, starts the schedule's scan and
waits for it to finish; saves screenshots in OUT_DIR and checks them: the ranking table's area
holds text on its header shade, the chart's area holds the bar colour. Prints one JSON object.
Standard library only (the WebSocket client and the PNG reader are in devtools.py).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import count, csp_violations, read_png, rect_of, sign_in, walk  # noqa: E402

CHROMIUM, BASE, TOKEN, SCHEDULE, OUT = sys.argv[1:6]


def steps(dt, report):
    report["steps"] = []
    dt.load(lambda: dt.call("Page.navigate", url=BASE + "/login"))
    report["steps"].append({"login_title": dt.evaluate("document.title")})
    sign_in(dt, BASE, TOKEN)
    report["after_login_path"] = dt.evaluate("location.pathname")
    report["ranking_rows"] = dt.evaluate("document.querySelectorAll('#ranking-table tbody tr').length")
    report["chart_bars"] = dt.evaluate("document.querySelectorAll('#ranking-chart rect.bar').length")
    report["ranking_heading"] = dt.evaluate("document.querySelector('h1').textContent")
    before = dt.evaluate("document.querySelector('.meta').textContent")
    table, chart = rect_of(dt, "#ranking-table"), rect_of(dt, "#ranking-chart")
    shot = dt.screenshot(OUT, "ranking.png")
    image = read_png(shot)
    report["table_text_pixels"] = count(image, table, lambda r, g, b: r < 90 and g < 90 and b < 90)
    report["table_header_pixels"] = count(image, table, lambda r, g, b: (r, g, b) == (246, 248, 250))
    report["chart_bar_pixels"] = count(image, chart, lambda r, g, b: abs(r - 31) < 12 and abs(g - 111) < 12 and abs(b - 235) < 12)
    report["chart_area"] = int(chart["width"] * chart["height"])

    dt.load(lambda: dt.evaluate("document.querySelector('#ranking-table tbody a').click(); true"))
    report["unit_path"] = dt.evaluate("location.pathname")
    report["unit_heading"] = dt.evaluate("document.getElementById('unit-name').textContent")
    report["unit_hosts"] = dt.evaluate("document.querySelectorAll('#hosts tbody tr').length")
    dt.screenshot(OUT, "unit.png")

    dt.load(lambda: dt.evaluate("document.querySelector('#hosts tbody a').click(); true"))
    report["host_path"] = dt.evaluate("location.pathname")
    report["host_heading"] = dt.evaluate("document.getElementById('host-name').textContent")
    report["host_page_scripts"] = dt.evaluate("document.querySelectorAll('script').length")
    dt.screenshot(OUT, "host.png")

    dt.load(lambda: dt.call("Page.navigate", url=BASE + "/"))
    dt.load(lambda: dt.evaluate(f"document.getElementById('run-{SCHEDULE}').click(); true"))
    report["after_run_path"] = dt.evaluate("location.pathname")
    started = time.time()
    state = None
    while time.time() - started < 240:
        state = dt.evaluate("(document.querySelector('#runs tbody tr .badge') || {}).textContent || null")
        if state in ("completed", "failed"):
            break
        time.sleep(1)
        dt.load(lambda: dt.call("Page.reload"))
    report["run_state"] = state
    report["run_seconds"] = round(time.time() - started, 1)
    report["run_row"] = dt.evaluate("document.querySelector('#runs tbody tr').innerText")
    dt.screenshot(OUT, "runs.png")
    # The service rebuilds the ranking for a new scan in the background, serving the previous
    # one meanwhile: reload until the page names another scan.
    dt.load(lambda: dt.call("Page.navigate", url=BASE + "/"))
    for _ in range(60):
        if dt.evaluate("document.querySelector('.meta').textContent") != before:
            break
        time.sleep(0.5)
        dt.load(lambda: dt.call("Page.reload"))
    report["ranking_scan_after_run"] = dt.evaluate("document.querySelector('.meta').textContent")
    dt.screenshot(OUT, "ranking-after-run.png")

    # The CSP must not have had to block anything: no page asked for what it does not allow.
    report["csp_violations"] = csp_violations(dt)


walk(CHROMIUM, steps)
