"""Accessibility checks with axe-core (bundled by axe-playwright-python) on the current page."""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

_axe = Axe()


def axe_violations(page) -> list[dict]:
    """Every WCAG 2.1 A/AA violation axe finds on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def assert_accessible(page) -> None:
    """Fail listing each serious or critical violation: rule id, help text and the nodes."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    if not blocking:
        return
    lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {page.url}:"]
    for violation in blocking:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
    raise AssertionError("\n".join(lines))
