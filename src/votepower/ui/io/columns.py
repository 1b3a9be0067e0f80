"""The keys of the row tables, documented once: the per-state rows of ``states`` and the
per-scheme rows of ``compare``, under both voter models.

Both models answer with the same row type — a record whose keys come from this registry — and
one renderer per format writes it (:mod:`.rowtable`). A key a model does not have is absent
from its records (``models`` says which have it); a key it has but cannot fill for one row is
``null`` in JSON and empty in CSV. The page ``votepower docs voter-models`` lists this
registry (tested)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Column", "COLUMNS", "columns_for", "state_columns"]

_BOTH = ("apriori", "empirical")
_AP = ("apriori",)
_EM = ("empirical",)


@dataclass(frozen=True)
class Column:
    """A key of a row table: the table (``states`` or ``compare``), the models whose records
    have it, and what it holds."""

    key: str
    table: str
    models: tuple[str, ...]
    doc: str


def _c(key: str, table: str, models: tuple[str, ...], doc: str) -> Column:
    return Column(key, table, models, doc)


_PER_CITIZEN = {
    "banzhaf": "citizen_banzhaf",
    "shapley-shubik": "citizen_shapley_shubik",
}

#: every key of a row table, in the order the records have them
COLUMNS: tuple[Column, ...] = (
    # ---- states
    _c("state", "states", _BOTH, "the state (or district, or player outside the citizens)"),
    _c("population", "states", _AP, "its citizens (the population basis chosen)"),
    _c("weight", "states", _AP, "its votes in the body (seats, electors)"),
    _c(
        "banzhaf",
        "states",
        _AP,
        "the state's own Banzhaf index in the body (summed over its separately elected units)",
    ),  # fmt: skip
    _c("banzhaf_normalized", "states", _AP, "the same, normalized to sum to 1"),
    _c("shapley_shubik", "states", _AP, "the state's own Shapley-Shubik index"),
    *(
        col
        for key in _PER_CITIZEN.values()
        for col in (
            _c(key, "states", _AP, "one citizen's index (two-tier model); null below 1e-280"),
            _c(
                f"{key}_log10",
                "states",
                _AP,
                "its base-10 logarithm, present only when some "
                "row lies below 1e-280 (null: not resolved)",
            ),  # fmt: skip
            _c(f"{key}_vs_least", "states", _AP, "relative to the least powerful citizen"),
            _c(f"{key}_vs_direct", "states", _AP, "relative to a direct national vote"),
        )
    ),
    _c("electoral_votes", "states", _EM, "the state's electors (null under a national vote)"),
    _c("voters", "states", _EM, "its voters (the election's turnout basis)"),
    _c(
        "p_decisive",
        "states",
        _EM,
        "the probability that one of its voters decides the election; null below 1e-280",
    ),  # fmt: skip
    _c("p_decisive_log10", "states", _EM, "its base-10 logarithm (null: not resolved)"),
    _c("one_in", "states", _EM, "the same as 1 in N; null above 1e280"),
    _c("one_in_log10", "states", _EM, "log10 N"),
    _c(
        "relative_to_popular_vote",
        "states",
        _EM,
        "relative to a voter under a national popular vote",
    ),  # fmt: skip
    _c("relative_to_popular_vote_log10", "states", _EM, "its base-10 logarithm"),
    _c(
        "tipping_point",
        "states",
        _EM,
        "the probability that the state casts the deciding electoral vote",
    ),  # fmt: skip
    _c("error", "states", _EM, "the accuracy of p_decisive (absolute)"),
    # ---- compare
    _c("scheme", "compare", _BOTH, "the scheme's id (or the scenario's)"),
    _c("name", "compare", _EM, "the scheme's name"),
    _c("available", "compare", _EM, "whether the model covers it (else not_available)"),
    _c("not_available", "compare", _EM, "why not"),
    _c("index", "compare", _AP, "banzhaf or shapley-shubik (one row each)"),
    _c("most_powerful", "compare", _AP, "the state whose citizens have the most power"),
    _c("most_tied", "compare", _AP, "how many states share that value"),
    _c("least_powerful", "compare", _AP, "the state whose citizens have the least"),
    _c("least_tied", "compare", _AP, "how many states share that value"),
    _c("max_state", "compare", _EM, "the state whose voters are likeliest to decide"),
    _c("max_tied", "compare", _EM, "how many states share that value"),
    _c("min_state", "compare", _EM, "the state whose voters are least likely to"),
    _c("min_tied", "compare", _EM, "how many states share that value"),
    _c("all_equal", "compare", _BOTH, "every citizen has the same value"),
    _c("ratio", "compare", _BOTH, "most / least; null past the floats' range or infinite"),
    _c("ratio_log10", "compare", _BOTH, "its base-10 logarithm (null when infinite)"),
    _c("ratio_infinite", "compare", _BOTH, "the least have no power at all"),
    _c("ratio_note", "compare", _AP, "why the ratio is infinite or past the floats' range"),
    _c("gini", "compare", _BOTH, "the population- (voter-) weighted Gini coefficient"),
    _c(
        "mean_relative_to_direct",
        "compare",
        _AP,
        "the mean citizen relative to a direct national vote",
    ),  # fmt: skip
    _c(
        "mean_relative_to_popular_vote",
        "compare",
        _EM,
        "the mean voter relative to the national popular vote",
    ),  # fmt: skip
    _c("win_probability", "compare", _EM, "the Democratic candidate's win probability"),
    _c("expected_electoral_votes", "compare", _EM, "their expected electoral votes"),
    _c("inversion_probability", "compare", _EM, "the electoral winner loses the popular vote"),
    _c("inversion_standard_error", "compare", _EM, "its Monte Carlo standard error"),
    _c("quota_note", "compare", _EM, "how a proportional scheme's quota was met"),
    _c("description", "compare", _AP, "the scheme's description"),
)


def columns_for(table: str, model: str) -> list[str]:
    """Every key ``model``'s records of ``table`` can have, in order."""
    return [c.key for c in COLUMNS if c.table == table and model in c.models]


def state_columns(model: str, indices: tuple[str, ...]) -> list[str]:
    """The keys (sortable columns) of the states table under ``model`` for ``indices``,
    without the logarithm columns that appear only when some value leaves the floats'
    range."""
    if model == "empirical":
        return columns_for("states", "empirical")
    keys = ["state", "population", "weight"]
    if "banzhaf" in indices:
        keys += ["banzhaf", "banzhaf_normalized"]
    if "shapley-shubik" in indices:
        keys.append("shapley_shubik")
    for index in indices:
        key = _PER_CITIZEN[index]
        keys += [key, f"{key}_vs_least", f"{key}_vs_direct"]
    return keys
