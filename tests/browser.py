"""A headless Chromium driven over the DevTools protocol, through a pipe.

Used by the project's browser tests and by the benchmark to open a report
as a person would: load it, click, read the DOM, catch script errors, take
screenshots.  It needs nothing but Debian's ``chromium`` package (the
protocol runs over ``--remote-debugging-pipe``: file descriptors 3 and 4 of
the browser, messages separated by NUL bytes), so there is no driver binary
or Python package to match to the browser's version.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
         "--force-color-profile=srgb", "--remote-debugging-pipe")


class BrowserError(RuntimeError):
    pass


def find_chromium() -> str | None:
    explicit = os.environ.get("MP_CONFORMANCE_CHROMIUM")
    if explicit:
        return explicit
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless browser process; ``with Browser() as b: page = b.open(url)``."""

    def __init__(self, executable: str | None = None, width: int = 1400, height: int = 900,
                 timeout: float = 30.0):
        exe = executable or find_chromium()
        if not exe:
            raise BrowserError("no Chromium found (install Debian's 'chromium' package)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="mp-conformance-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        import fcntl  # POSIX only, like the pipe protocol

        def wire_pipes() -> None:  # in the child: fd 3 reads commands, fd 4 writes replies
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        args = [exe, *FLAGS, f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}", "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=wire_pipes,
                                     pass_fds=(3, 4), close_fds=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.version = self.call("Browser.getVersion")

    # ----------------------------------------------------------------- protocol

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._to_browser, data)
            data = data[written:]
        return self._next_id

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float | None = None) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self._read(deadline, f"a reply to {method}")
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_event(self, method: str, session: str | None = None,
                   timeout: float | None = None) -> dict[str, Any]:
        for i, event in enumerate(self.events):
            if event["method"] == method and (session is None or event.get("sessionId") == session):
                return self.events.pop(i)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self._read(deadline, f"the event {method}")
            if "method" not in message:
                continue
            if message["method"] == method and (session is None
                                                or message.get("sessionId") == session):
                return message
            self.events.append(message)

    def _read(self, deadline: float, what: str) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"timed out waiting for {what}")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser exited while waiting for {what}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    # ----------------------------------------------------------------- pages

    def open(self, url: str, width: int = 1400, height: int = 900) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Log"):
            page.call(f"{domain}.enable")
        page.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        page.navigate(url)
        return page

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send("Browser.close")
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    def __init__(self, browser: Browser, session: str, target: str):
        self.browser = browser
        self.session = session
        self.target = target
        self.load_seconds: float | None = None

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})
        self.browser.events = [e for e in self.browser.events
                               if e.get("sessionId") != self.session]

    def call(self, method: str, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session, timeout)

    def navigate(self, url: str, painted: bool = True) -> float:
        """Load a URL; the seconds until the page has loaded (and, with ``painted``,
        two animation frames later, when the first screenful has been laid out and
        painted; frames need script, so pass False with script disabled)."""
        start = time.monotonic()
        self.call("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", self.session, timeout=60)
        if painted:
            self.evaluate("new Promise(r => requestAnimationFrame(() => "
                          "requestAnimationFrame(r)))")
        self.load_seconds = time.monotonic() - start
        return self.load_seconds

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"script error evaluating {expression[:80]!r}: {text}")
        return result.get("result", {}).get("value")

    def click(self, selector: str, settle: bool = True) -> None:
        """A real mouse click in the middle of the element (scrolled into view).
        With ``settle``, two frames pass between the scroll and the click, so that
        the page has seen its scroll events (frames need script: pass False when
        script is disabled)."""
        wait = (" await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
                if settle else "")
        box = self.evaluate(
            "(async () => { const e = document.querySelector(" + json.dumps(selector) + ");"
            " if (!e) return null;"
            " e.scrollIntoView({block: 'nearest', inline: 'nearest'});" + wait +
            " const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        if box is None:
            raise BrowserError(f"no element matches {selector!r}")
        x, y = box
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1})

    def type_text(self, selector: str, text: str) -> None:
        """Focus an input and type into it, as keystrokes."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", {"text": text})

    def key(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": key})

    def screenshot(self, path: str, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth,"
                                 " document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1})
        data = self.call("Page.captureScreenshot", params, timeout=60)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def errors(self) -> list[str]:
        """Script errors and console errors seen so far on this page."""
        # Collect whatever has arrived.
        self.evaluate("0")
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(details.get("exception", {}).get("description")
                             or details.get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(" ".join(str(a.get("value", a.get("description", "")))
                                      for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.browser REPORT.html OUT.png``: a screenshot of
    a report as Chromium shows it (how reports/screenshot.png is made)."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m tests.browser",
                                     description=main.__doc__.split("\n")[0])
    parser.add_argument("report")
    parser.add_argument("png")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--only-deviations", action="store_true",
                        help="tick the 'only deviations' filter first")
    parser.add_argument("--click", metavar="SELECTOR", help="click this element first")
    parser.add_argument("--scroll", type=int, default=0, metavar="PIXELS",
                        help="scroll down this far first")
    args = parser.parse_args(argv)
    with Browser(width=args.width, height=args.height) as browser:
        page = browser.open(Path(args.report).resolve().as_uri(), args.width, args.height)
        if args.only_deviations:
            page.click("#f-dev")
        if args.scroll:
            page.evaluate(f"window.scrollTo(0, {int(args.scroll)})")
        if args.click:
            page.click(args.click)
        page.screenshot(args.png)
        errors = page.errors()
    if errors:
        print("script errors:", *errors, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
