"""axe-core in Chromium: the serious and critical accessibility violations of a page.

`axe-playwright-python` ships axe.min.js; it is evaluated in the page through the DevTools
protocol (not a <script> the page loads), so the Content-Security-Policy does not stand in its
way and the page's own console stays clean. `install(context)` has every page of a browser
context start with it (cheaper than sending it to each page afterwards).

    install(context)
    violations(page) -> [Violation(rule, impact, help, targets)]
"""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.base import AXE_SCRIPT

# What a person who relies on a screen reader, a keyboard or good contrast cannot get past.
BLOCKING = {"serious", "critical"}
# The WCAG 2.1 A and AA rules (and axe's best practices would add noise about landmarks
# the project decides on page by page).
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


def install(context) -> None:
    """Load axe-core in every page the context opens from now on."""
    context.add_init_script(script=AXE_SCRIPT)


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:3]) + (" …" if len(self.targets) > 3 else "")
        return f"{self.rule} ({self.impact}): {self.help} [{shown}]"


def violations(page, *, impacts=BLOCKING) -> list[Violation]:
    """The violations of the page as it is now, of the given impacts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate("options => axe.run(document, options)", OPTIONS)
    return [
        Violation(
            v["id"],
            v["impact"],
            v["help"],
            tuple(" ".join(map(str, n["target"])) for n in v["nodes"]),
        )
        for v in response["violations"]
        if v["impact"] in impacts
    ]
