"""Headless Chromium for the accessibility tests: no driver, no network, no downloads.

The page under test gets axe-core (from the npm package, found by ``AXE_CORE_JS`` or in
``node_modules``) and a small script appended; Chromium's ``--dump-dom`` returns the document
once axe has written its results into it. ``SOCIALVALUE_REQUIRE_BROWSER=1`` (CI) turns a missing
browser or axe-core into a failure instead of a skip.
"""

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")

_RUNNER = """
<script>{axe}</script>
<script>
window.addEventListener("load", function () {{
  var tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
  axe.run(document, {{runOnly: {{type: "tag", values: tags}}}}).then(function (result) {{
    var out = document.createElement("pre");
    out.id = "axe-results";
    out.textContent = JSON.stringify({{
      width: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      violations: result.violations.map(function (v) {{
        return {{id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(function (n) {{ return n.target.join(" "); }})}};
      }})
    }});
    document.body.appendChild(out);
  }});
}});
</script>
"""


def _unavailable(why):
    if os.environ.get("SOCIALVALUE_REQUIRE_BROWSER") == "1":
        pytest.fail(why)
    pytest.skip(why)


def browser():
    """The path of a Chromium, or skip (fail in CI)."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return _unavailable(f"no headless browser: install one of {', '.join(BROWSERS)}")


def axe_source():
    """axe-core's ``axe.min.js``, or skip (fail in CI)."""
    candidates = [os.environ.get("AXE_CORE_JS", "")]
    here = Path(__file__).resolve().parent.parent
    candidates += [str(here / "node_modules" / "axe-core" / "axe.min.js")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    return _unavailable("no axe-core: npm install axe-core, and set AXE_CORE_JS to its axe.min.js")


def _chromium(arguments, timeout=180):
    command = [
        browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def audit(page, folder, *, width=1280):
    """axe-core's violations on ``page`` (an HTML file) at ``width`` px, and the page's width."""
    audited = folder / f"audit-{width}-{page.name}"
    text = page.read_text(encoding="utf-8")
    audited.write_text(
        text.replace("</body>", _RUNNER.format(axe=axe_source()) + "</body>"), encoding="utf-8"
    )
    done = _chromium(
        [
            f"--window-size={width},900",
            "--virtual-time-budget=30000",
            "--dump-dom",
            audited.as_uri(),
        ]
    )
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found, f"axe-core did not run: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def screenshot(page, target, *, width, height=3000):
    """A PNG of ``page`` at ``width`` px wide."""
    done = _chromium([f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri()])
    assert target.is_file(), done.stderr[-2000:]
    return target
