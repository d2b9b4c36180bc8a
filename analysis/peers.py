"""Peer pairs: the reference set against which a pair's closeness index is scored and ranked.

A pair compares with pairs like it, not with a fixed regional list. In order of precedence:

1. the peers the user names (``--peers`` or the batch config's ``peers:``, :func:`parse_peers`);
2. the curated peers of the default pair (:data:`analysis.config.PEERS`: Armenia with its
   other partners, Russia with its other allies, as the founding analysis framed them);
3. from the data, where the all-pairs store is built (:func:`data_peers`): the focal country's
   largest trade partners and the partner's, by their mean total trade in the last
   :data:`TRADE_YEARS` years with data;
4. otherwise the embedded pairs that share a country with the pair (or all embedded pairs).

The rule used is stated in the report (:func:`describe_rule`).
"""

from __future__ import annotations

import re

from analysis import config, datastore
from analysis.countries import resolve
from analysis.errors import BadInput, quote

#: Partners taken from each side of the pair by :func:`data_peers`.
PARTNERS_PER_SIDE = 4

#: Years of trade (the last ones with data) over which partners are ranked.
TRADE_YEARS = 5

#: The trade indicator partners are ranked by (directed: the focal country's reports).
TRADE_ID = "trade.total"

_SEP = re.compile(r"\s*[,;]\s*")


def parse_peers(text: str) -> tuple[tuple[str, str], ...]:
    """Parse a list of peer pairs: ``"ARM-FRA, AZE-RUS"`` (ISO3 codes or names, ``-`` between).

    Raises
    ------
    BadInput
        Naming the entry that is not a pair of two different known countries.

    Examples
    --------
    >>> parse_peers("ARM-FRA, aze-rus")
    (('ARM', 'FRA'), ('AZE', 'RUS'))
    """
    out: list[tuple[str, str]] = []
    for item in [t for t in _SEP.split(text.strip()) if t]:
        parts = [p.strip() for p in item.split("-") if p.strip()]
        if len(parts) != 2:
            raise BadInput(
                f"peer {quote(item)} is not a pair; expected two countries joined by '-', "
                f"e.g. ARM-FRA"
            )
        pair = (resolve(parts[0]).iso3, resolve(parts[1]).iso3)
        if pair[0] == pair[1]:
            raise BadInput(
                f"peer {quote(item)} pairs a country with itself; expected two countries"
            )
        if pair not in out:
            out.append(pair)
    if not out:
        raise BadInput("peers: no pair given; expected e.g. ARM-FRA,AZE-RUS")
    return tuple(out)


def data_peers(a: str, b: str, store=None, per_side: int = PARTNERS_PER_SIDE, top=None):
    """Return peers from the store's trade data: (a, X) for a's largest trade partners X and
    (Y, b) for b's largest partners Y (the pair's own countries excluded), by mean total trade
    over the last :data:`TRADE_YEARS` years each side reports; ``()`` without data.

    ``top(country, exclude, n)``, when given, answers in place of reading the store (the batch's
    planning ranks every country's partners once: :mod:`analysis.digest`).
    """
    if top is None:
        if store is None:
            data = datastore.current()
            if not data.has_store():
                return ()
            store = data.store

        def top(country, exclude, n):
            return _top_partners(store, country, exclude, n)

    peers: list[tuple[str, str]] = []
    for focal in (a, b):
        for partner in top(focal, {a, b}, per_side):
            pair = (focal, partner) if focal == a else (partner, focal)
            if pair not in peers:
                peers.append(pair)
    return tuple(peers)


#: Countries whose trade rows :func:`_trade_rows` keeps per store (a few hundred KB each).
TRADE_ROWS_CACHE = 64


def _trade_rows(store, country: str):
    """Return the country's directed trade rows (``country_b, year, trade.total``), read once
    per store (the store's cache: a rebuilt store is a new object): an atlas of one country's
    partners ranks that country's partners for every report."""
    cache = getattr(store, "cache", {}).setdefault("peers.trade_rows", {})
    if country not in cache:
        cache[country] = store.read_dyads(
            "economy",
            "directed",
            filters=[("country_a", "==", country)],
            columns=["country_b", "year", TRADE_ID],
        )
        while len(cache) > TRADE_ROWS_CACHE:
            del cache[next(iter(cache))]
    return cache[country]


def _top_partners(store, country: str, exclude: set[str], n: int) -> list[str]:
    return rank_partners(_trade_rows(store, country), exclude, n)


def rank_partners(rows, exclude: set[str], n: int | None = None) -> list[str]:
    """Return the ``n`` largest partners (all with None) in a country's directed trade rows
    (``country_b, year`` and :data:`TRADE_ID`), ``exclude`` left out, by mean total trade over
    the last :data:`TRADE_YEARS` years with data (ties: by code)."""
    if rows.empty or TRADE_ID not in rows:
        return []
    rows = rows.dropna(subset=[TRADE_ID])
    rows = rows[~rows["country_b"].astype(str).isin(exclude)]
    if rows.empty:
        return []
    years = sorted(rows["year"].unique())[-TRADE_YEARS:]
    recent = rows[rows["year"].isin(years)]
    mean = recent.groupby(recent["country_b"].astype(str))[TRADE_ID].mean()
    ranked = mean.sort_index().sort_values(ascending=False, kind="stable")  # ties: by code
    return list(ranked.index[:n])


def peer_pairs(a: str, b: str, peers=None, store=None, top=None) -> tuple[tuple[str, str], ...]:
    """Return the peer pairs of a pair (ISO3 codes), by the rule of this module's docstring.

    ``peers``: the user's choice (a string for :func:`parse_peers`, or pairs). The pair itself
    and its mirror (b, a) are never its own peers. ``top``: see :func:`data_peers`.
    """
    return _choose(a, b, peers, store, top)[0]


def describe_rule(a: str, b: str, peers=None, store=None) -> str:
    """Return one sentence saying how the peers of the pair were chosen."""
    return _choose(a, b, peers, store)[1]


def _choose(a: str, b: str, peers, store, top=None) -> tuple[tuple[tuple[str, str], ...], str]:
    own = {(a, b), (b, a)}
    if peers:
        chosen = parse_peers(peers) if isinstance(peers, str) else tuple(map(tuple, peers))
        return tuple(p for p in chosen if p not in own), "Peers chosen by the user."
    if (a, b) in config.PEERS:
        return config.PEERS[(a, b)], (
            "Peers of the default pair: the focal country with its other partners and the "
            "partner with its other allies (curated)."
        )
    found = data_peers(a, b, store) if top is None else data_peers(a, b, store, top=top)
    if found:
        return found, (
            f"Peers from the data: the {PARTNERS_PER_SIDE} largest trade partners of each "
            f"country by mean total trade over the last {TRADE_YEARS} years each reports."
        )
    others = [p for p in config.EMBEDDED_PAIRS if p not in own]
    sharing = tuple(p for p in others if {a, b} & set(p))
    if sharing:
        return sharing, "Peers: the embedded pairs that share a country with the pair."
    return tuple(others), (
        "Peers: the embedded pairs (none shares a country with the pair, and the all-pairs "
        "store that would give its trade partners is not built)."
    )
