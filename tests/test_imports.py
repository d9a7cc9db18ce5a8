"""Imports run one way: the reference domains (areas, administrations, bodies) know nothing of the
initiatives or the cooperation log; the pages that combine them live above, in tracker/pages/."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tracker

TRACKER = Path(tracker.__file__).parent
REFERENCE_DOMAINS = ("areas", "organisation", "bodies")
ABOVE = ("tracker.initiatives", "tracker.log")


def imported_modules(path: Path) -> list[str]:
    """Every module the file imports, spelled out in full (relative imports resolved)."""
    package = ".".join(("tracker", *path.relative_to(TRACKER).parent.parts))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, (*parts, base)))
            found += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return found


def reaches_above(module: str) -> bool:
    return any(module == above or module.startswith(above + ".") for above in ABOVE)


@pytest.mark.parametrize("domain", REFERENCE_DOMAINS)
def test_reference_domain_imports_neither_initiatives_nor_the_log(domain):
    modules = sorted((TRACKER / domain).rglob("*.py"))
    assert modules, f"tracker/{domain}/ has no modules"
    wrong = [f"{path.relative_to(TRACKER.parent)}: {module}"
             for path in modules for module in imported_modules(path) if reaches_above(module)]
    assert wrong == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The walk above would pass on any file it cannot read right; this one it must catch."""
    fake = TRACKER / "bodies" / "views.py"
    source = "from tracker import log\nfrom ..initiatives.models import Initiative\nimport tracker.log.models\n"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source if self == fake else "")
    assert [m for m in imported_modules(fake) if reaches_above(m)] == [
        "tracker.log", "tracker.initiatives.models", "tracker.initiatives.models.Initiative", "tracker.log.models"]
