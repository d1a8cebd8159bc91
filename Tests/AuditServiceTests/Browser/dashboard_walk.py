#!/usr/bin/env python3
"""Walks the ictaudit dashboard in a real headless Chromium over the DevTools protocol.

Usage: dashboard_walk.py CHROMIUM BASE_URL TOKEN SCHEDULE OUT_DIR
Signs in with the token, opens the ranking, a unit and a host, starts the schedule's scan and
waits for it to finish; saves screenshots in OUT_DIR and checks them: the ranking table's area
holds text on its header shade, the chart's area holds the bar colour. Prints one JSON object.
Standard library only (the WebSocket client and the PNG reader are below).
"""
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

CHROMIUM, BASE, TOKEN, SCHEDULE, OUT = sys.argv[1:6]


class DevTools:
    """A minimal WebSocket client (RFC 6455, client frames masked) speaking CDP JSON."""

    def __init__(self, url):
        host_port, path = url[len("ws://"):].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += self.sock.recv(4096)
        if b" 101 " not in answer.split(b"\r\n")[0]:
            raise RuntimeError(f"websocket handshake failed: {answer[:200]!r}")
        self.buffer = answer.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0
        self.events = []
        self.log = []

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("devtools connection closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _message(self):
        parts = []
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            parts.append(self._read(length))
            if b0 & 0x80:
                message = json.loads(b"".join(parts))
                if message.get("method") == "Log.entryAdded":
                    self.log.append(message["params"]["entry"])
                return message

    def call(self, method, **params):
        self.next_id += 1
        payload = json.dumps({"id": self.next_id, "method": method, "params": params}).encode()
        header = bytes([0x81])
        n = len(payload)
        header += bytes([0x80 | n]) if n < 126 else (bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else bytes([0x80 | 127]) + struct.pack(">Q", n))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        while True:
            message = self._message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_event(self, name, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == name:
                    del self.events[: index + 1]
                    return event
            self.events.append(self._message())
        raise RuntimeError(f"timed out waiting for {name}")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def load(self, action):
        """Runs `action` (a navigation or a click) and waits for the next page load."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        action()
        self.wait_event("Page.loadEventFired")

    def screenshot(self, name):
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        path = os.path.join(OUT, name)
        with open(path, "wb") as f:
            f.write(data)
        return path


def read_png(path):
    """(width, height, channels, rows of bytes) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def count(image, rect, test):
    width, height, channels, rows = image
    x0, y0 = max(int(rect["x"]), 0), max(int(rect["y"]), 0)
    x1, y1 = min(int(rect["x"] + rect["width"]), width), min(int(rect["y"] + rect["height"]), height)
    total = 0
    for y in range(y0, y1):
        row = rows[y]
        for x in range(x0, x1):
            if test(row[x * channels], row[x * channels + 1], row[x * channels + 2]):
                total += 1
    return total


def rect_of(devtools, selector):
    return devtools.evaluate(
        f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()")


def main():
    profile = tempfile.mkdtemp(prefix="ictaudit-chromium-")
    browser = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1366,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = {"steps": []}
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        dt = DevTools(page["webSocketDebuggerUrl"])
        dt.call("Page.enable")
        dt.call("Log.enable")
        dt.call("Emulation.setDeviceMetricsOverride", width=1366, height=900, deviceScaleFactor=1, mobile=False)

        dt.load(lambda: dt.call("Page.navigate", url=BASE + "/login"))
        report["steps"].append({"login_title": dt.evaluate("document.title")})
        dt.load(lambda: dt.evaluate(
            f"document.getElementById('token').value = {json.dumps(TOKEN)}; document.getElementById('login-form').submit(); true"))
        report["after_login_path"] = dt.evaluate("location.pathname")
        report["ranking_rows"] = dt.evaluate("document.querySelectorAll('#ranking-table tbody tr').length")
        report["chart_bars"] = dt.evaluate("document.querySelectorAll('#ranking-chart rect.bar').length")
        report["ranking_heading"] = dt.evaluate("document.querySelector('h1').textContent")
        before = dt.evaluate("document.querySelector('.meta').textContent")
        table, chart = rect_of(dt, "#ranking-table"), rect_of(dt, "#ranking-chart")
        shot = dt.screenshot("ranking.png")
        image = read_png(shot)
        report["table_text_pixels"] = count(image, table, lambda r, g, b: r < 90 and g < 90 and b < 90)
        report["table_header_pixels"] = count(image, table, lambda r, g, b: (r, g, b) == (246, 248, 250))
        report["chart_bar_pixels"] = count(image, chart, lambda r, g, b: abs(r - 31) < 12 and abs(g - 111) < 12 and abs(b - 235) < 12)
        report["chart_area"] = int(chart["width"] * chart["height"])

        dt.load(lambda: dt.evaluate("document.querySelector('#ranking-table tbody a').click(); true"))
        report["unit_path"] = dt.evaluate("location.pathname")
        report["unit_heading"] = dt.evaluate("document.getElementById('unit-name').textContent")
        report["unit_hosts"] = dt.evaluate("document.querySelectorAll('#hosts tbody tr').length")
        dt.screenshot("unit.png")

        dt.load(lambda: dt.evaluate("document.querySelector('#hosts tbody a').click(); true"))
        report["host_path"] = dt.evaluate("location.pathname")
        report["host_heading"] = dt.evaluate("document.getElementById('host-name').textContent")
        report["host_page_scripts"] = dt.evaluate("document.querySelectorAll('script').length")
        dt.screenshot("host.png")

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
        dt.screenshot("runs.png")
        # The service rebuilds the ranking for a new scan in the background, serving the previous
        # one meanwhile: reload until the page names another scan.
        dt.load(lambda: dt.call("Page.navigate", url=BASE + "/"))
        for _ in range(60):
            if dt.evaluate("document.querySelector('.meta').textContent") != before:
                break
            time.sleep(0.5)
            dt.load(lambda: dt.call("Page.reload"))
        report["ranking_scan_after_run"] = dt.evaluate("document.querySelector('.meta').textContent")
        dt.screenshot("ranking-after-run.png")

        # The CSP must not have had to block anything: no page asked for what it does not allow.
        violations = []
        for entry in dt.log:
            text = entry.get("text", "")
            if "Content Security Policy" in text or "Refused" in text:
                violations.append(text)
        report["csp_violations"] = violations
    except Exception as error:  # report how far the walk got, and where the browser is
        report["error"] = f"{type(error).__name__}: {error}"
        try:
            report["error_page"] = dt.evaluate("location.href + ' ' + document.body.innerText.slice(0, 400)")
        except Exception:
            pass
    finally:
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        subprocess.run(["rm", "-rf", profile])
    print(json.dumps(report, ensure_ascii=False))


main()
