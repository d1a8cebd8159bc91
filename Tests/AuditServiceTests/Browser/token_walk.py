#!/usr/bin/env python3
"""Manages API tokens through the ictaudit dashboard in a real headless Chromium.

Usage: token_walk.py CHROMIUM BASE_URL ADMIN_TOKEN OUT_DIR
Signs in as an administrator, opens the Tokens page from the menu, makes a token with the form,
reads it from the page (shown once), checks it against the API with plain HTTP, opens the page
again (the token is gone from it), revokes it with its button, and checks the API refuses it then.
Saves screenshots in OUT_DIR; the one of the new token is checked by its pixels (the notice's
yellow around the token). Prints one JSON object.
"""
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import count, csp_violations, read_png, rect_of, sign_in, walk  # noqa: E402

CHROMIUM, BASE, ADMIN, OUT = sys.argv[1:5]


def api_status(token, path="/api/v1/units"):
    request = urllib.request.Request(BASE + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def steps(dt, report):
    sign_in(dt, BASE, ADMIN, path="/login?lang=en")
    dt.load(lambda: dt.evaluate("document.getElementById('nav-tokens').click(); true"))
    report["tokens_path"] = dt.evaluate("location.pathname")
    report["heading"] = dt.evaluate("document.querySelector('h1').textContent")
    report["names_before"] = dt.evaluate("[...document.querySelectorAll('#tokens .token-name')].map(e => e.textContent)")

    dt.load(lambda: dt.evaluate(
        "document.getElementById('token-name').value = 'ci-bot';"
        " document.getElementById('token-role').value = 'auditor';"
        " document.getElementById('create').click(); true"))
    token = dt.evaluate("(document.getElementById('new-token-value') || {}).textContent || null")
    report["shown_once"] = token is not None and token.startswith("ict_")
    report["new_token_name"] = dt.evaluate("(document.getElementById('new-token-name') || {}).textContent || null")
    report["names_after_create"] = dt.evaluate("[...document.querySelectorAll('#tokens .token-name')].map(e => e.textContent)")
    notice = rect_of(dt, "#new-token")
    image = read_png(dt.screenshot(OUT, "token-created.png"))
    report["notice_pixels"] = count(image, notice, lambda r, g, b: (r, g, b) == (255, 248, 197))
    report["api_with_new_token"] = api_status(token) if token else None

    dt.load(lambda: dt.call("Page.navigate", url=BASE + "/tokens"))
    report["token_on_reload"] = dt.evaluate("document.body.innerHTML.includes(%s)" % json.dumps(token or "ict_"))

    dt.load(lambda: dt.evaluate("document.getElementById('revoke-ci-bot').click(); true"))
    report["after_revoke_path"] = dt.evaluate("location.pathname")
    report["names_after_revoke"] = dt.evaluate("[...document.querySelectorAll('#tokens .token-name')].map(e => e.textContent)")
    dt.screenshot(OUT, "token-revoked.png")
    report["api_after_revoke"] = api_status(token) if token else None
    report["csp_violations"] = csp_violations(dt)


walk(CHROMIUM, steps)
