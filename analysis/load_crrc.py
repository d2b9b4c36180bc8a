"""Loader of the CRRC Caucasus Barometer 2024 Armenia microdata (Stata file, gzipped).

The public release (``crrc_cb2024`` in :data:`analysis.sources.SOURCES`; PROVENANCE-economic.md,
section 11) holds one row per respondent with CRRC's value labels. Its design, as CRRC's notes
give it: ``svyset PSU [pweight=INDWT], strata(SUBSTRATUM)``; ``INDWT`` is the weight for
individual-level questions (``HHWT`` the household weight, not used for opinions).
"""

from __future__ import annotations

import functools
import gzip
import io
import struct
from pathlib import Path

import pandas as pd

from analysis.errors import BadInput
from analysis.load import DAMAGED_FILE_ERRORS, raw_path

#: Design variables of the file: weight, cluster and stratum.
WEIGHT, PSU, STRATUM = "INDWT", "PSU", "SUBSTRATUM"

#: Opinion questions read from the file: variable -> measure (see analysis.indicators.opinion).
CB_QUESTIONS = {"MAINFRN": "main_friend", "MAINENEM": "main_enemy"}

#: How the file names the surveyed country in its question labels.
COUNTRY_PLACEHOLDER = "/Country/"


@functools.cache
def load_cb2024(raw_dir: Path) -> tuple[pd.DataFrame, dict[str, dict[int, str]], dict[str, str]]:
    """Load the respondents' answers and design variables of CB 2024 Armenia.

    Returns
    -------
    data : DataFrame
        One row per respondent (``RES == 1``, a completed interview): ``INDWT, PSU,
        SUBSTRATUM``, ``INTDATE`` (interview date; the file gives some interviews a
        placeholder date in 1959) and the variables of :data:`CB_QUESTIONS` as integer codes.
    labels : dict
        Variable -> {code: CRRC value label} (negative codes: don't know, refusal, ...).
    questions : dict
        Variable -> CRRC variable label (the question wording, ``/Country/`` as in the file).
    """
    path = raw_path(raw_dir, "crrc_cb2024", 0)
    variables = [WEIGHT, PSU, STRATUM, "RES", "INTDATE", *CB_QUESTIONS]
    try:
        data = gzip.open(path).read()
        with pd.io.stata.StataReader(io.BytesIO(data)) as reader:
            questions = reader.variable_labels()
        missing = [v for v in variables if v not in questions]
        if missing:
            raise BadInput(
                f"{path}: missing variable(s) {', '.join(missing)}; expected the CB 2024 "
                f"public release with {', '.join(variables)}"
            )
        df = pd.read_stata(io.BytesIO(data), columns=variables, convert_categoricals=False)
        named = pd.read_stata(io.BytesIO(data), columns=list(CB_QUESTIONS))
    except BadInput:
        raise
    except (ValueError, struct.error, *DAMAGED_FILE_ERRORS) as exc:
        raise BadInput(
            f"{path}: cannot be read as a gzipped Stata file ({type(exc).__name__}); if it is "
            f"truncated, fetch it again"
        ) from None
    if df[[WEIGHT, PSU, STRATUM, *CB_QUESTIONS]].isna().any().any():
        raise BadInput(f"{path}: empty weight, PSU, stratum or answer; expected every respondent")
    if not (df[WEIGHT] > 0).all():
        raise BadInput(f"{path}: non-positive weights in {WEIGHT}; expected weights > 0")
    df = df[df["RES"] == 1]
    if df.empty:
        raise BadInput(f"{path}: no completed interviews (RES == 1)")
    labels = {}
    for v in CB_QUESTIONS:
        pairs = set(zip(df[v].astype("int64"), named.loc[df.index, v].astype(str).str.strip()))
        codes = [c for c, _ in pairs]
        if len(codes) != len(set(codes)):
            raise BadInput(f"{path}: variable {v} has several labels for one code")
        labels[v] = dict(sorted(pairs))
    out = df[[WEIGHT, PSU, STRATUM]].astype("float64")
    out["INTDATE"] = pd.to_datetime(df["INTDATE"], errors="coerce")
    for v in CB_QUESTIONS:
        out[v] = df[v].astype("int64")
    return out.reset_index(drop=True), labels, {v: questions[v] for v in CB_QUESTIONS}
