"""The package's data files ship as data of packages setuptools knows, so installing prints no
"Package 'analysis.templates.bilateral' is absent from the `packages` configuration" warning
(issue 13): every folder of analysis/ that holds files is a package of the find configuration,
and every template file is covered by a package-data pattern of its own package."""

import fnmatch
import tomllib

from setuptools import find_namespace_packages, find_packages

from analysis import config

ANALYSIS = config.PROJ_ROOT / "analysis"


def setuptools_config():
    with (config.PROJ_ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]


def found_packages() -> set[str]:
    find = setuptools_config()["packages"]["find"]
    finder = find_namespace_packages if find.get("namespaces", True) else find_packages
    return set(
        finder(
            where=str(config.PROJ_ROOT),
            include=find.get("include", ["*"]),
            exclude=find.get("exclude", []),
        )
    )


def test_every_folder_with_files_is_a_package():
    packages = found_packages()
    folders = {
        ".".join(p.parent.relative_to(config.PROJ_ROOT).parts)
        for p in ANALYSIS.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert folders <= packages, sorted(folders - packages)
    assert not any("__pycache__" in p for p in packages)


def test_every_template_file_is_package_data_of_its_package():
    data = setuptools_config()["package-data"]
    templates = [p for p in (ANALYSIS / "templates").rglob("*") if p.is_file()]
    assert templates
    for path in templates:
        package = ".".join(path.parent.relative_to(config.PROJ_ROOT).parts)
        assert any(fnmatch.fnmatch(path.name, pat) for pat in data.get(package, [])), path
