"""The READMEs name files that exist (issue 13: reports/README.md named an example that did not)."""

import re

import pytest

from analysis import config

READMES = ["README.md", "reports/README.md"]
#: A report `make report` writes (git ignores it): named, not committed.
GENERATED = re.compile(r"^reports/[A-Z]{3}-[A-Z]{3}_\d{4}-\d{4}\.(html|pdf)$")


def named_paths(text: str) -> set[str]:
    """Return the relative paths a markdown text names: link targets and code spans with a '/'."""
    links = re.findall(r"\]\(([^)\s#]+)\)", text)
    spans = re.findall(r"`([\w./-]+/[\w.-]+\.\w+)`", text)
    return {p for p in [*links, *spans] if not re.match(r"^[a-z]+://", p)}


@pytest.mark.parametrize("readme", READMES)
def test_every_file_a_readme_names_exists(readme):
    path = config.PROJ_ROOT / readme
    names = named_paths(path.read_text(encoding="utf-8"))
    assert names, readme
    missing = [
        n
        for n in sorted(names)
        if not GENERATED.match(n)
        and not (path.parent / n).exists()
        and not (config.PROJ_ROOT / n).exists()
    ]
    assert missing == [], f"{readme} names files that do not exist: {missing}"


def test_readme_says_where_the_command_lives():
    text = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/bilateral" in text and "source .venv/bin/activate" in text
