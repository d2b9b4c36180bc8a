"""Notebook parameters a report may set: ``--param NAME=VALUE`` and a batch config's ``params:``.

The names and types are the notebooks' own: each notebook's ``parameters`` cell declares them
with a type and a help comment (``weight_economy: float = 1.0  # weight of ...``), read here with
papermill's inspection of that cell. A value is checked against the declared type, and for the
parameters whose meaning the package knows (the index weights, the normalisation, the break
model) against what the package accepts, before any kernel starts: a mistake is
:class:`~analysis.errors.BadInput` (exit 2) naming the parameter and what it accepts.

The period and the pair are not parameters of this kind: ``country_a``, ``country_b``,
``start_year`` and ``end_year`` come from the command's arguments (``A B --start --end``).
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from papermill.inspection import _infer_parameters
from papermill.iorw import load_notebook_node

from analysis import breaks, config
from analysis import index as closeness
from analysis.errors import BadInput, quote
from analysis.peers import parse_peers

#: Parameters every notebook has, set by the command's own arguments.
RESERVED = {
    "country_a": "the first argument (A)",
    "country_b": "the second argument (B)",
    "start_year": "--start (start: in a batch period)",
    "end_year": "--end (end: in a batch period)",
}
#: Declared types a value may have, with an example for messages.
TYPE_EXAMPLES = {"int": "a whole number such as 500", "float": "a number such as 2.0",
                 "str": "a text", "bool": "true or false"}  # fmt: skip
#: The index weights (notebook parameter -> index dimension), checked together.
WEIGHT_PREFIX = "weight_"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT = re.compile(r"^[+-]?[0-9]{1,12}$")
_FLOAT = re.compile(r"^[+-]?(?:[0-9]{1,15}(?:\.[0-9]*)?|\.[0-9]{1,15})(?:[eE][+-]?[0-9]{1,3})?$")


@dataclass(frozen=True)
class NotebookParameter:
    """One parameter of the notebooks: its name, declared type, default and help comment."""

    name: str
    type: str
    default: Any
    help: str
    notebooks: tuple[str, ...]


def notebook_parameters(
    notebooks: Iterable[str], nb_dir: Path | None = None
) -> dict[str, NotebookParameter]:
    """Return the typed parameters the notebooks declare, except the :data:`RESERVED` ones.

    Parameters
    ----------
    notebooks : iterable of str
        Notebook file names (a report passes its suite, :func:`analysis.report.suite`).
    nb_dir : Path, optional
        Their folder (default :data:`analysis.config.NOTEBOOKS_DIR`).

    Returns
    -------
    dict
        Name to :class:`NotebookParameter`, in the order the notebooks declare them. A name
        declared by several notebooks must have one type there (else :class:`BadInput`).
    """
    nb_dir = Path(nb_dir or config.NOTEBOOKS_DIR)
    found: dict[str, NotebookParameter] = {}
    for name in notebooks:
        path = nb_dir / name
        if not path.is_file():
            continue
        stat = path.stat()
        for pname, kind, default, help_text in _declared_in(
            str(path), stat.st_mtime_ns, stat.st_size
        ):
            old = found.get(pname)
            if old is not None and old.type != kind:
                raise BadInput(
                    f"parameter {pname} is a {old.type} in {old.notebooks[0]} but a {kind} in "
                    f"{name}; give it one type"
                )
            notebooks_of = (*old.notebooks, name) if old else (name,)
            found[pname] = NotebookParameter(pname, kind, default, help_text, notebooks_of)
    return found


@functools.lru_cache(maxsize=64)
def _declared_in(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, str, Any, str], ...]:
    """Return ``(name, type, default, help)`` of a notebook's parameters (papermill's reading of
    its ``parameters`` cell), the reserved ones left out. Cached by file, time and size: a batch
    checks thousands of reports against the same notebooks, and an edited notebook is read again.
    """
    out = []
    for p in _infer_parameters(load_notebook_node(path)):
        if p.name in RESERVED:
            continue
        try:
            default = ast.literal_eval(p.default)
        except (ValueError, SyntaxError):
            default = p.default
        kind = p.inferred_type_name if p.inferred_type_name in TYPE_EXAMPLES else "str"
        out.append((p.name, kind, default, p.help or ""))
    return tuple(out)


def parse_assignments(items: Sequence[str], option: str = "--param") -> dict[str, str]:
    """Split ``NAME=VALUE`` items (the command line's ``--param``) into a dict of strings.

    Examples
    --------
    >>> parse_assignments(["weight_economy=2", "normalisation=minmax"])
    {'weight_economy': '2', 'normalisation': 'minmax'}
    """
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = str(item).partition("=")
        name = name.strip()
        if not sep or not _NAME.match(name):
            raise BadInput(
                f"{option} {quote(item, limit=60)} is not NAME=VALUE; "
                "give e.g. --param weight_economy=2"
            )
        if name in out:
            raise BadInput(f"{option} {name} is given twice; give it once")
        out[name] = value.strip()
    return out


def _convert(value: Any, kind: str, where: str) -> Any:
    """Return ``value`` as the declared type ``kind`` (text from the command line or YAML)."""
    article = "an" if kind == "int" else "a"
    bad = BadInput(
        f"{where} must be {article} {kind} ({TYPE_EXAMPLES[kind]}), got {quote(value, limit=40)}"
    )
    if isinstance(value, str) and kind != "str":
        text = value.strip()
        if kind == "bool":
            if text.lower() not in ("true", "false"):
                raise bad
            return text.lower() == "true"
        if kind == "int":
            if not _INT.match(text):
                raise bad
            return int(text)
        if not _FLOAT.match(text):
            raise bad
        value = float(text)
    if kind == "str":
        if not isinstance(value, str):
            raise bad
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad
    if kind == "int":
        if not isinstance(value, int):
            raise bad
        return value
    if not math.isfinite(value):
        raise bad
    return float(value)


def validate_extra(
    values: Mapping[str, Any] | None,
    declared: Mapping[str, NotebookParameter],
    option: str = "--param",
) -> dict[str, Any]:
    """Check parameter values against the notebooks' declared parameters; return them typed.

    Parameters
    ----------
    values : mapping
        Name to value: text from the command line, or YAML values (a number, a string...).
    declared : mapping
        The declared parameters (:func:`notebook_parameters` of the report's suite).
    option : str
        How the values were given, for messages (``--param``, ``params``).

    Returns
    -------
    dict
        Name to value of the declared type (an int is accepted for a float), in the given order.

    Raises
    ------
    BadInput
        An unknown name (the message lists the accepted ones), one of the reserved names, a value
        of the wrong type, or a value the package refuses (a negative or all-zero set of index
        weights, an unknown normalisation or break model, fewer than one random weighting).

    Examples
    --------
    >>> w = NotebookParameter("weight_economy", "float", 1.0, "weight", ("index.ipynb",))
    >>> validate_extra({"weight_economy": "2"}, {"weight_economy": w})
    {'weight_economy': 2.0}
    """
    if not values:
        return {}
    out: dict[str, Any] = {}
    for name, value in values.items():
        name = str(name)
        if name in RESERVED:
            raise BadInput(f"{option} {name}: the {name} of a report is set with {RESERVED[name]}")
        if name not in declared:
            accepted = ", ".join(f"{p.name} ({p.type})" for p in declared.values()) or "none"
            raise BadInput(
                f"{option} {quote(name, limit=40)}: no notebook has this parameter; "
                f"accepted: {accepted}"
            )
        out[name] = _convert(value, declared[name].type, f"{option} {name}")
    _check_values(out, declared, option)
    return out


def _check_values(values: dict[str, Any], declared: Mapping[str, NotebookParameter], option: str):
    """Check the values whose meaning the package knows, as the notebooks would."""
    weights = {
        name[len(WEIGHT_PREFIX) :]: values.get(name, p.default)
        for name, p in declared.items()
        if name.startswith(WEIGHT_PREFIX)
    }
    if any(name.startswith(WEIGHT_PREFIX) for name in values):
        try:
            closeness.validate_weights(weights)
        except BadInput as exc:
            raise BadInput(f"{option}: {exc}") from None
    choices = {
        "normalisation": closeness.NORMALISATIONS,
        "break_model": breaks.MODELS,
        "edition": ("full", "brief"),
    }
    for name, accepted in choices.items():
        if name in values and values[name] not in accepted:
            raise BadInput(
                f"{option} {name} must be {' or '.join(accepted)}, got {quote(values[name])}"
            )
    if values.get("peers"):
        try:
            chosen = parse_peers(values["peers"])
        except BadInput as exc:
            raise BadInput(f"{option} peers: {exc}") from None
        values["peers"] = ",".join(f"{x}-{y}" for x, y in chosen)
    if "n_weightings" in values and not 1 <= values["n_weightings"] <= 100_000:
        raise BadInput(
            f"{option} n_weightings must be between 1 and 100,000, got {values['n_weightings']}"
        )


def appendix_rows(
    params: Mapping[str, Any], declared: Mapping[str, NotebookParameter]
) -> dict[str, str]:
    """Return the parameters of a report as the appendix lists them: every one, with its value.

    The pair and the period first, then each notebook parameter with the value it had: set for
    this report (``--param`` or ``params:``) or the notebook's default.
    """
    rows = {k: _text(v) for k, v in params.items() if k in RESERVED}
    for name, p in declared.items():
        if name in params:
            rows[name] = f"{_text(params[name])} (set for this report; default {_text(p.default)})"
        else:
            rows[name] = f"{_text(p.default)} (default)"
    rows.update({k: _text(v) for k, v in params.items() if k not in rows})
    return rows


def _text(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)
