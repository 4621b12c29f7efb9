"""Watch a Playwright page for Content Security Policy violations and console errors.

An init script (run before any page script, in every document) collects
`securitypolicyviolation` events into `window.__cspViolations`; console errors and
uncaught exceptions are collected on the Python side.
"""

from __future__ import annotations

from typing import Any

INIT_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
});
"""


class Watch:
    """Everything a page reported, across navigations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[dict[str, Any]] = []
        self.errors: list[str] = []
        page.add_init_script(INIT_SCRIPT)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: console error: {message.text}")

    def collect(self) -> None:
        """Take the current document's violations (call before leaving it)."""
        found = self.page.evaluate("window.__cspViolations || []")
        self.page.evaluate("window.__cspViolations = []")
        for violation in found:
            self.violations.append({"page": self.page.url, **violation})

    def problems(self) -> list[str]:
        self.collect()
        return [str(v) for v in self.violations] + self.errors
