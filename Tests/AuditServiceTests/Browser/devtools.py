"""A headless Chromium driven over the DevTools protocol, for the dashboard's browser tests.

Standard library only: a minimal WebSocket client speaking CDP JSON, a PNG reader to check
screenshots by their pixels, and the browser's start and stop.
"""
import base64
import json
import os
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
import zlib


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

    def screenshot(self, folder, name):
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        path = os.path.join(folder, name)
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


class Browser:
    """Debian's headless Chromium with a throw-away profile, one page driven over DevTools."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="ictaudit-chromium-")
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "--window-size=1366,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def page(self):
        port_file = os.path.join(self.profile, "DevToolsActivePort")
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
        return dt

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        subprocess.run(["rm", "-rf", self.profile])


def csp_violations(dt):
    """Console entries saying the Content-Security-Policy had to block something."""
    return [e.get("text", "") for e in dt.log if "Content Security Policy" in e.get("text", "") or "Refused" in e.get("text", "")]


def sign_in(dt, base, token, path="/login"):
    """Signs in through the login form, as a person does."""
    dt.load(lambda: dt.call("Page.navigate", url=base + path))
    dt.load(lambda: dt.evaluate(
        f"document.getElementById('token').value = {json.dumps(token)}; document.getElementById('login-form').submit(); true"))


def walk(chromium, steps):
    """Runs `steps(dt, report)` on a fresh page and prints the report as one JSON object; a step that
    fails adds how far the walk got and where the browser is, so the test says what went wrong."""
    browser = Browser(chromium)
    report = {}
    dt = None
    try:
        dt = browser.page()
        steps(dt, report)
    except Exception as error:
        report["error"] = f"{type(error).__name__}: {error}"
        try:
            report["error_page"] = dt.evaluate("location.href + ' ' + document.body.innerText.slice(0, 400)")
        except Exception:
            pass
    finally:
        browser.close()
    print(json.dumps(report, ensure_ascii=False))
