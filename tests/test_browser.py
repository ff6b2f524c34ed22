"""Real-browser check: headless Chromium opens the site index and a brief with no console
message (our pages carry no script, so any message is an error: a failed load, a blocked
resource, a script injected through a parameter) and writes screenshots to look at; then
every page of the real notebooks' shared run (``conftest.site_runs``).

Chromium comes from Debian's ``chromium`` package (``.ci/run`` installs it). Without it the
test is skipped locally and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("QSP_SCREENSHOTS", "/tmp/qsp-screenshots"))


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is required in CI (Debian package 'chromium')")
    pytest.skip("Chromium not installed (apt-get install chromium)")


def _base(profile: Path, width: int) -> list[str]:
    """Headless Chromium with its console messages on stderr, no network chatter."""
    return [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={width},2200",
    ]


def _open(page: Path, shot: Path, tmp_path: Path, width: int = 1200) -> tuple[str, str]:
    base = _base(tmp_path / f"profile-{shot.stem}", width)
    url = page.resolve().as_uri()
    shot.parent.mkdir(parents=True, exist_ok=True)
    snap = subprocess.run(
        [*base, f"--screenshot={shot}", url], capture_output=True, text=True, timeout=120
    )
    dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    return dom.stdout, snap.stderr + dom.stderr


def _console(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


@pytest.mark.engine
def test_index_and_brief_open_cleanly_in_chromium(demo_run, tmp_path):
    # demo_run: good's label holds <script>console.error(1)</script> (conftest.SCRIPT_LABEL)
    out = demo_run
    for page, width in (
        (out / "index.html", 1200),
        (out / "good.html", 1200),
        (out / "good.html", 390),
    ):
        shot = SHOTS / f"{page.stem}-{width}.png"
        dom, log = _open(page, shot, tmp_path, width)
        assert _console(log) == [], _console(log)
        assert shot.is_file() and shot.stat().st_size > 5_000
        assert "<main>" in dom and 'lang="fr"' in dom
        assert "<script>" not in dom.split("<body>", 1)[-1]


@pytest.mark.notebooks
def test_every_page_of_the_real_run_opens_cleanly_in_chromium(site_runs, tmp_path):
    assert site_runs.returncode == 0, site_runs.stderr
    site = site_runs.site("concorde")
    pages = [site_runs.out / "index.html", site / "index.html"]
    pages += sorted(p for p in site.glob("*.html") if p.name != "index.html")
    assert len(pages) >= 8  # the cross-site page, the site's, a brief per notebook/audience
    for page in pages:
        dom = subprocess.run(
            [*_base(tmp_path / "profile", 1200), "--dump-dom", page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert _console(dom.stderr) == [], (page.name, _console(dom.stderr))
        assert "<main>" in dom.stdout and 'lang="fr"' in dom.stdout, page.name
        assert "<script>" not in dom.stdout.split("<body>", 1)[-1], page.name
