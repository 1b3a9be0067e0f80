"""Build the packaged presidential-election files from the shared data set (a development tool).

    python tools/build_elections.py            # from the repository root, ../shared beside it

Writes, under ``src/votepower/data/``, ``presidential_elections.csv`` (two-party and total
votes and the electors of every state and DC, 1976-2024) and
``presidential_districts_2024.csv`` (the 2024 vote by congressional district), and stops on any
failed cross-check:

* 2012-2024 come from ``presidential_results.csv`` (FEC figures, the shared data set's own
  file); 1976-2008 from the MIT Election Data and Science Lab file "U.S. President 1976-2020"
  (``raw/medsl_president_1976_2020_via_jmanlarkin``), summing every ballot line of each major
  nominee. Where both sources cover a year (2012-2020) the two-party votes must agree within
  0.5% per state (the FEC counts fusion lines, the MEDSL file mostly too).
* Electors: ``electoral_votes.csv``. Every year the electors sum to 538, and awarding each
  state to its two-party plurality winner (Maine's and Nebraska's districts as recorded in
  ``district_split_states.csv``) reproduces the pledged electoral votes of the year.
* Districts: ``raw/jaytimm_PresElectionResults`` (The Downballot's 2024 presidential vote by
  congressional district): the 435 districts (an at-large state's one district is written
  with its state's code). NY-21 is empty in the source; it is derived as New York's statewide
  FEC votes less the other 25 districts (which counts fusion-line differences into NY-21: a
  stated approximation). Every other state's district sums must equal the state's two-party
  votes in ``presidential_results.csv`` within 3%; the differences above 0.1% are printed
  (2024: Georgia -2.79%, whose district figures leave out votes not assigned to a district;
  New Mexico -0.44%; Arkansas, Michigan, Mississippi, Nevada, South Carolina 0.1-0.25%).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "votepower" / "data"

MEDSL = SHARED / "raw" / "medsl_president_1976_2020_via_jmanlarkin" / "1976-2020-president.csv"
DISTRICTS = SHARED / "raw" / "jaytimm_PresElectionResults" / "2024_Pres_by_CD_-_Main.csv"

#: the major nominees as the MEDSL file spells them (matched by surname on every ballot line)
NOMINEES = {
    1976: ("CARTER, JIMMY", "FORD, GERALD"),
    1980: ("CARTER, JIMMY", "REAGAN, RONALD"),
    1984: ("MONDALE, WALTER", "REAGAN, RONALD"),
    1988: ("DUKAKIS, MICHAEL", "BUSH, GEORGE H.W."),
    1992: ("CLINTON, BILL", "BUSH, GEORGE H.W."),
    1996: ("CLINTON, BILL", "DOLE, ROBERT"),
    2000: ("GORE, AL", "BUSH, GEORGE W."),
    2004: ("KERRY, JOHN", "BUSH, GEORGE W."),
    2008: ("OBAMA, BARACK H.", "MCCAIN, JOHN"),
    2012: ("OBAMA, BARACK H.", "ROMNEY, MITT"),
    2016: ("CLINTON, HILLARY", "TRUMP, DONALD J."),
    2020: ("BIDEN, JOSEPH R. JR", "TRUMP, DONALD J."),
}

#: pledged electoral votes (Democrat, Republican) as the states' results awarded them, before
#: any faithless elector or abstention (National Archives, Electoral College results by year)
PLEDGED = {
    1976: (297, 241),
    1980: (49, 489),
    1984: (13, 525),
    1988: (112, 426),
    1992: (370, 168),
    1996: (379, 159),
    2000: (267, 271),
    2004: (252, 286),
    2008: (365, 173),
    2012: (332, 206),
    2016: (232, 306),
    2020: (306, 232),
    2024: (226, 312),
}


def fail(message: str) -> None:
    sys.exit(f"build_elections: {message}")


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def medsl() -> dict[tuple[int, str], tuple[int, int, int]]:
    out: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in read(MEDSL):
        year = int(r["year"])
        if year not in NOMINEES:
            continue
        key = (year, r["state_po"])
        dem, rep = (name.split(",")[0] for name in NOMINEES[year])
        words = set(r["candidate"].replace(",", " ").split())  # "MITT, ROMNEY" in WA 2012
        if dem in words:
            out[key][0] += int(r["candidatevotes"])
        elif rep in words:
            out[key][1] += int(r["candidatevotes"])
        out[key][2] = int(r["totalvotes"])
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def electors(year: int) -> dict[str, int]:
    rows = [
        r
        for r in read(SHARED / "electoral_votes.csv")
        if int(r["first_election_year"]) <= year <= int(r["last_election_year"])
    ]
    return {r["code"]: int(r["electoral_votes"]) for r in rows}


def main() -> None:
    from_medsl = medsl()
    fec = read(SHARED / "presidential_results.csv")
    splits = {
        r["code"]: {int(y) for y in r["split_elections"].split(";")}
        for r in read(SHARED / "district_split_states.csv")
    }
    district_winners = {
        (int(r["election_year"]), r["code"]): r["winner_party"] for r in fec if "-" in r["code"]
    }
    rows = []
    for year in sorted(PLEDGED):
        ev = electors(year)
        if sum(ev.values()) != 538 or len(ev) != 51:
            fail(f"{year}: {len(ev)} units and {sum(ev.values())} electors")
        for code in sorted(ev):
            if year >= 2012:
                r = next(r for r in fec if int(r["election_year"]) == year and r["code"] == code)
                dem, rep, total = int(r["dem_votes"]), int(r["rep_votes"]), int(r["total_votes"])
                source = "FEC (presidential_results.csv)"
                if year in NOMINEES:
                    d2, r2, _ = from_medsl[(year, code)]
                    if abs(d2 + r2 - dem - rep) > 0.005 * (dem + rep):
                        fail(f"{year} {code}: FEC {dem + rep} and MEDSL {d2 + r2} two-party votes")
            else:
                dem, rep, total = from_medsl[(year, code)]
                source = "MEDSL U.S. President 1976-2020"
            if not 0 < dem + rep <= total:
                fail(f"{year} {code}: votes {dem}, {rep}, {total}")
            rows.append((year, code, dem, rep, total, ev[code], source))
        # the pledged electoral votes
        won = {"D": 0, "R": 0}
        for year_, code, dem, rep, _, k, _ in rows:
            if year_ != year:
                continue
            winner = "D" if dem > rep else "R"
            if code in splits and year in splits[code]:
                at_large = 2
                won[winner] += at_large
                for (y, district), party in district_winners.items():
                    if y == year and district.startswith(code + "-"):
                        won[party] += 1
                if year == 2008:  # NE-2 to Obama; the shared file has districts from 2012
                    won["D"] += 1
                    won["R"] += k - at_large - 1
            else:
                won[winner] += k
        if (won["D"], won["R"]) != PLEDGED[year]:
            fail(f"{year}: pledged electors {won} differ from {PLEDGED[year]}")
    with open(OUT / "presidential_elections.csv", "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(
            ["election_year", "code", "dem_votes", "rep_votes", "total_votes", "electoral_votes",
             "source"]
        )  # fmt: skip
        out.writerows(rows)
    # districts, 2024
    state_votes = {
        r["code"]: (int(r["dem_votes"]), int(r["rep_votes"]))
        for r in fec
        if int(r["election_year"]) == 2024 and "-" not in r["code"]
    }
    districts = []
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missing = []
    for r in read(DISTRICTS):
        code = r["CD"].strip()
        if not code:
            continue
        if not r["Harris"].strip():
            missing.append(code)
            continue
        dem = int(r["Harris"].replace(",", ""))
        rep = int(r["Trump"].replace(",", ""))
        total = int(r["Total"].replace(",", ""))
        state, number = code.split("-")
        label = state if number == "AL" else f"{state}-{int(number)}"
        districts.append((2024, label, state, dem, rep, total, r["Data source"].strip()))
        sums[state][0] += dem
        sums[state][1] += rep
    if missing != ["NY-21"]:
        fail(f"districts without votes: {missing}")
    # NY-21 is empty in the source: the New York statewide votes less the other 25 districts
    ny = next(r for r in fec if int(r["election_year"]) == 2024 and r["code"] == "NY")
    dem = int(ny["dem_votes"]) - sums["NY"][0]
    rep = int(ny["rep_votes"]) - sums["NY"][1]
    total = int(ny["total_votes"]) - sum(d[5] for d in districts if d[2] == "NY")
    districts.append(
        (2024, "NY-21", "NY", dem, rep, total, "derived: NY statewide (FEC) less NY-1..NY-26")
    )
    districts.sort(key=lambda d: (d[2], int(d[1].split("-")[1]) if "-" in d[1] else 0))
    sums["NY"] = [sums["NY"][0] + dem, sums["NY"][1] + rep]
    if len(districts) != 435:
        fail(f"{len(districts)} districts in 2024, not 435")
    for state, (dem, rep) in sums.items():
        d0, r0 = state_votes[state]
        if abs(dem + rep - d0 - r0) > 0.001 * (d0 + r0):
            print(f"2024 {state}: districts {(dem + rep) / (d0 + r0) - 1:+.2%} of the state")
        if abs(dem + rep - d0 - r0) > 0.03 * (d0 + r0):
            fail(f"2024 {state}: districts sum to {dem + rep}, the state has {d0 + r0}")
    with open(OUT / "presidential_districts_2024.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(
            ["election_year", "district", "code", "dem_votes", "rep_votes", "total_votes",
             "source"]
        )  # fmt: skip
        out.writerows(districts)
    print(f"wrote {len(rows)} state rows and {len(districts)} district rows")


if __name__ == "__main__":
    main()
