"""Keep the packaging files in step: pyproject.toml, environment.yml and the Makefile."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

#: PyPI names whose conda-forge package has another name (both sides normalised).
PYPI_TO_CONDA = {
    "matplotlib": "matplotlib-base",  # conda-forge's matplotlib without the Qt GUI stack
}

#: conda entries that are no dependency of the package itself.
CONDA_ONLY = {"python", "pip"}

#: Make targets that people and the docs rely on.
REQUIRED_TARGETS = ("report", "test", "lab", "data", "lint", "bench")

_SPEC = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)   # distribution name
        \s*(?:\[[^\]]*\])?                          # extras, ignored
        \s*(?P<spec>[^;#]*?)\s*(?:[;#].*)?$         # version spec, then marker or comment
    """,
    re.VERBOSE,
)


def normalise(name):
    """Return a package name lowercased with runs of ``-``, ``_`` and ``.`` as one ``-``.

    Examples
    --------
    >>> normalise("PyYAML"), normalise("typing_extensions")
    ('pyyaml', 'typing-extensions')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lower_bounds(specs):
    """Return ``{normalised name: lower bound}`` from requirement strings.

    Parameters
    ----------
    specs : iterable of str
        Requirement strings such as ``"pandas>=2.2"`` (PEP 508, or conda's ``name>=version``).

    Returns
    -------
    dict of str to str or None
        The ``>=`` bound of each name; None where a spec has no lower bound.
    """
    bounds = {}
    for spec in specs:
        match = _SPEC.match(spec)
        assert match, f"cannot parse requirement {spec!r}"
        name = normalise(match["name"])
        assert name not in bounds, f"{name} is listed twice"
        lower = re.search(r">=\s*([^,\s]+)", match["spec"])
        bounds[name] = lower[1] if lower else None
    return bounds


@pytest.fixture(scope="module")
def pyproject():
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def pyproject_bounds(pyproject):
    """Return the lower bounds of the runtime dependencies and every extra, by conda name."""
    project = pyproject["project"]
    own_name = normalise(project["name"])
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        # An extra may pull in other extras ("bilateral[test,lab]"); those are listed on their own.
        specs.extend(s for s in extra if normalise(_SPEC.match(s)["name"]) != own_name)
    bounds = parse_lower_bounds(specs)
    return {PYPI_TO_CONDA.get(name, name): bound for name, bound in bounds.items()}


@pytest.fixture(scope="module")
def conda_bounds():
    """Return the lower bounds of environment.yml's conda dependencies (not its pip section)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["name"] == "bilateral"
    assert env["channels"] == ["conda-forge"]
    specs = [dep for dep in env["dependencies"] if isinstance(dep, str)]
    bounds = parse_lower_bounds(specs)
    assert bounds.get("python") == "3.11", "environment.yml should ask for python>=3.11"
    return {name: bound for name, bound in bounds.items() if name not in CONDA_ONLY}


def test_every_dependency_has_a_lower_bound(pyproject_bounds, conda_bounds):
    unbounded = sorted(
        name for name, bound in {**pyproject_bounds, **conda_bounds}.items() if bound is None
    )
    assert not unbounded, f"dependencies without a >= lower bound: {unbounded}"


def test_environment_yml_mirrors_pyproject(pyproject_bounds, conda_bounds):
    missing = sorted(set(pyproject_bounds) - set(conda_bounds))
    extra = sorted(set(conda_bounds) - set(pyproject_bounds))
    assert not missing, f"in pyproject.toml but not in environment.yml: {missing}"
    assert not extra, f"in environment.yml but not in pyproject.toml: {extra}"
    differ = {
        name: (pyproject_bounds[name], conda_bounds[name])
        for name in pyproject_bounds
        if pyproject_bounds[name] != conda_bounds[name]
    }
    assert not differ, f"lower bounds differ (pyproject, environment.yml): {differ}"


def test_environment_yml_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_sections = [dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict)]
    assert pip_sections == [["-e ."]]


def test_python_requirement(pyproject):
    assert pyproject["project"]["requires-python"] == ">=3.11"


def test_console_script_entry_point(pyproject):
    assert pyproject["project"]["scripts"] == {"bilateral": "analysis.cli:main"}


def test_installed_console_script_matches_pyproject():
    try:
        dist = metadata.distribution("bilateral")
    except metadata.PackageNotFoundError:
        pytest.skip("the bilateral distribution is not installed (run `make test`)")
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts == {"bilateral": "analysis.cli:main"}


def makefile_targets(text):
    """Return the names of the explicit targets in a Makefile's text (not variables)."""
    targets = set()
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z0-9_.$()/%-][^:=#\t]*?)\s*::?(?!=)", line)
        if match:
            targets.update(match[1].split())
    return targets


def test_makefile_targets():
    targets = makefile_targets((ROOT / "Makefile").read_text(encoding="utf-8"))
    missing = [t for t in REQUIRED_TARGETS if t not in targets]
    assert not missing, f"Makefile lacks targets {missing}"


def test_makefile_target_parser_ignores_variables():
    text = "PYTHON ?= python3\nVENV := .venv\nA = b\nreport test: $(STAMP)\n\t@echo x: y\n"
    assert makefile_targets(text) == {"report", "test"}
