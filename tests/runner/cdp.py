"""A minimal headless Chromium driver over the DevTools protocol, on a pipe (no package).

``chromium --headless --remote-debugging-pipe`` reads JSON commands on file descriptor 3 and
writes replies and events on descriptor 4, each message ending with a NUL byte. This is
enough to lay a page out at a phone's width (a headless window cannot be narrower than
500 px, device-metrics emulation can), evaluate a script in it, print it to PDF and take a
screenshot, without selenium or a websocket client.

References
----------
Chrome DevTools Protocol, https://chromedevtools.github.io/devtools-protocol/ (Target,
Emulation, Page, Runtime domains); ``--remote-debugging-pipe`` in Chromium's
``content/browser/devtools/devtools_pipe_handler.cc``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any


def chromium_path() -> str | None:
    """The Chromium executable, or None when none is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium and one page (tab) driven over the DevTools pipe.

    Use as a context manager; :meth:`open` loads a file at a given viewport width.
    """

    def __init__(self, executable: str | None = None, timeout_s: float = 60.0):
        self.executable = executable or chromium_path()
        if self.executable is None:
            raise FileNotFoundError("Chromium not installed")
        self.timeout_s = timeout_s
        self._id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        self._profile = tempfile.mkdtemp(prefix="qsp-cdp-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        self._process = subprocess.Popen(
            [
                self.executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={self._profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Chromium reads descriptor 3 and writes descriptor 4; the other descriptors of
            # this process are close-on-exec (Python's default)
            close_fds=False,
            preexec_fn=_fds_3_4(to_chrome_r, from_chrome_w),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # noqa: BLE001 - already gone
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self._profile, ignore_errors=True)

    # -- protocol -------------------------------------------------------------------------
    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its reply (events met meanwhile are kept)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout_s
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _wait_event(self, name: str) -> None:
        deadline = time.monotonic() + self.timeout_s
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == name:
                    del self._events[: i + 1]
                    return
            self._events.append(self._read(deadline))

    # -- page -----------------------------------------------------------------------------
    def open(self, page: Path, width: int = 390, height: int = 844) -> None:
        """Load ``page`` in a phone-like viewport of ``width`` CSS pixels (mobile emulation:
        the page's ``<meta name="viewport">`` applies)."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 800,
        )
        self._events.clear()
        self.call("Page.navigate", session=True, url=Path(page).resolve().as_uri())
        self._wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        result = self.call(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def pdf(self) -> bytes:
        """The page printed to PDF with its own ``@page`` size (print media)."""
        data = self.call(
            "Page.printToPDF", session=True, preferCSSPageSize=True, printBackground=True
        )["data"]
        return base64.b64decode(data)

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page at the current viewport width."""
        data = self.call(
            "Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True
        )["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


def _fds_3_4(read_fd: int, write_fd: int):
    """A ``preexec_fn`` putting the pipe ends on descriptors 3 and 4 in the child."""

    def move() -> None:
        # copy both out of the way first, in case one of them already is 3 or 4
        r, w = os.dup(read_fd), os.dup(write_fd)
        os.dup2(r, 3)
        os.dup2(w, 4)
        os.close(r)
        os.close(w)

    return move


def pdf_pages(pdf: bytes) -> int:
    """Number of pages of a PDF as Chromium writes it (``/Type /Page`` objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
