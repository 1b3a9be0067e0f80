"""Built-in reference games: real multi-criteria rules with sourced data (data/games/, SOURCES.md).

``votepower games`` lists them and ``votepower game --example ID`` runs one; in the library,
:func:`reference_game` builds the :class:`~votepower.games.multigame.MultiCriteriaGame`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..core.errors import InvalidGameError
from ..core.registry import Registry, Spec
from .multigame import MultiCriteriaGame

__all__ = ["ReferenceGame", "REFERENCE_GAMES", "reference_game"]

Rows = list[dict[str, str]]
Columns = Callable[[Rows], dict[str, list[int]]]


@dataclass(frozen=True)
class ReferenceGame(Spec):
    """A built-in game: its data file, how the criteria come from the file's rows, its rule."""

    file: str = ""
    rule: str = ""
    columns: Columns | None = None
    members: tuple[str, ...] | None = None
    """The rows (by code) that are players; ``None`` for all."""
    source: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()

    def game(self) -> MultiCriteriaGame:
        rows = _rows(self.file)
        if self.members is not None:
            rows = [r for r in rows if r["code"] in self.members]
        assert self.columns is not None
        return MultiCriteriaGame(self.columns(rows), self.rule, labels=[r["code"] for r in rows])


@cache
def _rows(file: str) -> Rows:
    text = resources.files("votepower").joinpath("data", "games", file).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _take(*names: str) -> Columns:
    return lambda rows: {name: [int(r[name]) for r in rows] for name in names}


def _victoria(rows: Rows) -> dict[str, list[int]]:
    western = [r["region"] == "western" for r in rows]
    return {
        "ontario": [int(r["code"] == "ON") for r in rows],
        "quebec": [int(r["code"] == "QC") for r in rows],
        "atlantic": [int(r["region"] == "atlantic") for r in rows],
        "western": [int(w) for w in western],
        "western_population": [
            int(r["population"]) if w else 0 for r, w in zip(rows, western, strict=True)
        ],
    }


#: the 27 members of 2007-2013 (the United Kingdom in, Croatia not yet)
_NICE_27 = tuple(
    "DE FR UK IT ES PL RO NL BE CZ EL HU PT AT BG SE DK IE LT SK FI CY EE LV LU SI MT".split()
)
_NICE_SOURCE = (
    "Treaty of Nice votes (Treaty of Accession 2005, art. 22; Croatia: Treaty of Accession "
    "2012); populations in units of 100,000 from Bräuninger's IOP 2.0 data as published in "
    "the sumtxt/coresize repository (eucouncil_weights.csv)"
)
_LISBON = "(population >= 65% and members >= 55%) or blockers < 4"

REFERENCE_GAMES: Registry[ReferenceGame] = Registry(
    "reference game",
    ReferenceGame(
        "eu27-nice",
        "EU Council, Treaty of Nice, 27 members (2007-2013): 255 of 345 votes, a majority of "
        "the members, 62% of the population",
        file="eu_nice.csv",
        rule="votes >= 255 and members >= 14 and population >= 62%",
        columns=_take("votes", "population"),
        members=_NICE_27,
        source=_NICE_SOURCE,
        note="populations rounded to 100,000: coalitions within 0.3 points of 62% may be "
        "classified differently from the Council's own figures",
        aliases=("nice", "nice-27"),
    ),
    ReferenceGame(
        "eu28-nice",
        "EU Council, Treaty of Nice, 28 members (July 2013 - October 2014): 260 of 352 votes, "
        "a majority of the members, 62% of the population",
        file="eu_nice.csv",
        rule="votes >= 260 and members >= 15 and population >= 62%",
        columns=_take("votes", "population"),
        source=_NICE_SOURCE,
        note="populations rounded to 100,000",
        aliases=("nice-28",),
    ),
    ReferenceGame(
        "eu27-lisbon",
        "EU Council, Treaty of Lisbon, 27 members, 2025 population figures: 55% of the "
        "members holding 65% of the population, unless fewer than 4 block",
        file="eu_lisbon_2025.csv",
        rule=_LISBON,
        columns=_take("population"),
        source="Council's population figures for 2025 (1 January 2024, Eurostat; total "
        "451,028,881), shares of the Union's population as reported by Agence Europe, "
        "12 December 2024",
        note="populations are the published shares to two decimals (sum 100.01%): coalitions "
        "within 0.14 points of 65% may be classified differently from the Council's "
        "figures to the person",
        aliases=("lisbon", "lisbon-27", "eu27"),
    ),
    ReferenceGame(
        "eu28-lisbon",
        "EU Council, Treaty of Lisbon, 28 members, 2016 population figures: 55% of the "
        "members holding 65% of the population, unless fewer than 4 block",
        file="eu_lisbon_2016.csv",
        rule=_LISBON,
        columns=_take("population"),
        source="Council Decision (EU, Euratom) 2015/2393 (population figures for 2016; total "
        "508,940,955), shares as reported by Agence Europe, 9 December 2015",
        note="populations are the published shares to two decimals (sum 100.01%)",
        aliases=("lisbon-28", "eu28"),
    ),
    ReferenceGame(
        "canada-7-50",
        "Canada's general amending formula (Constitution Act 1982, s. 38): 7 of the 10 "
        "provinces holding 50% of the provinces' population, 2016 census",
        file="canada_2016.csv",
        rule="members >= 7 and population >= 50%",
        columns=_take("population"),
        source="Statistics Canada, 2016 Census population by province (as tabulated by "
        "knightsinfo.ca)",
        note="the 1996 census figures the issue asked for were not in the copies we could "
        "consult; the 2016 census is used",
        aliases=("canada", "7-50"),
    ),
    ReferenceGame(
        "canada-victoria",
        "Victoria Charter (1971): Ontario, Quebec, 2 of the 4 Atlantic provinces and 2 of "
        "the 4 Western provinces holding 50% of the West's population, 2016 census",
        file="canada_2016.csv",
        rule="ontario >= 1 and quebec >= 1 and atlantic >= 2 and western >= 2 and "
        "western_population >= 50%",
        columns=_victoria,
        source="Victoria Charter, art. 49 (1971); Statistics Canada, 2016 Census",
        note="Ontario and Quebec stand for 'every province that has had 25% of Canada's "
        "population'",
        aliases=("victoria",),
    ),
    ReferenceGame(
        "unsc",
        "UN Security Council (since 1965): 9 of 15 members including all 5 permanent ones",
        file="unsc.csv",
        rule="permanent >= 5 and members >= 9",
        columns=_take("permanent"),
        source="Charter of the United Nations, art. 27(3), as amended 1965",
        aliases=("security-council", "un"),
    ),
)


def reference_game(name: str) -> MultiCriteriaGame:
    """The built-in game called ``name`` (an id or an alias, see ``votepower games``).

    >>> reference_game("unsc")
    MultiCriteriaGame(15 players; permanent >= 5 and members >= 9)
    """
    try:
        spec = REFERENCE_GAMES.get(name)
    except Exception:
        ids = ", ".join(REFERENCE_GAMES.ids())
        raise InvalidGameError(f"no built-in game called {name!r} (one of {ids})") from None
    return spec.game()
