"""The print stylesheet: on paper only the summary itself, in a readable serif, each part on a
fresh page. (The browser journey checks the printed page's layout for real.)"""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders


def _static(name: str) -> str:
    path = finders.find(f"hearthside/{name}")
    assert path, f"{name} is missing"
    with open(path, encoding="utf-8") as f:
        return f.read()


def _print_rules() -> str:
    css = _static("summary-print.css")
    start = css.index("@media print")
    return css[start:]


def test_everything_but_the_summary_is_hidden_on_paper() -> None:
    rules = _print_rules()
    hidden = re.search(r"([^{}]+)\{\s*display:\s*none", rules)
    assert hidden
    for selector in (".site-header", "nav", ".site-footer", ".print-tools", "button", ".button"):
        assert selector in hidden.group(1)


def test_it_prints_in_a_readable_serif() -> None:
    body = re.search(r"(?m)^\s*body\s*\{([^}]*)\}", _print_rules())
    assert body and "serif" in body.group(1) and "Georgia" in body.group(1)


def test_each_part_starts_on_a_new_page_and_items_are_not_split() -> None:
    rules = _print_rules()
    section = re.search(r"\.summary-section\s*\{([^}]*)\}", rules)
    assert section and "break-before: page" in section.group(1)
    first = re.search(r"\.summary-section:first-of-type\s*\{([^}]*)\}", rules)
    assert first and "break-before: auto" in first.group(1)
    assert re.search(r"\.summary-item[^{]*\{[^}]*break-inside: avoid", rules)


def test_the_print_button_script_uses_no_inline_code() -> None:
    js = _static("summary.js")
    assert "window.print()" in js and "data-print" in js
