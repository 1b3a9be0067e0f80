"""No option is ever silently ignored.

For ``states``, ``compare`` and ``process``, every pair of options (each with one value other
than its default) is run. Each run must either be refused as a usage error (exit 2) whose
message names the option, or apply both options: its output differs from the run with either
option alone (or is the same for a reason stated in ``SAME``). Every option of these commands
needs a case in ``CASES``: an option added later without one fails ``test_every_option_has_a_case``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from votepower.ui.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"

BASE = {
    "states": ["states"],
    "compare": ["compare", "--schemes", "ec-current,senate-current"],
    "process": ["process"],  # then the KIND argument: lawmaking unless the case says
}

#: the membership options, shared by the three commands
OWN_POPULATIONS = Path(__file__).parent / "data" / "resident_2020.csv"
#: saved requests: compare without Wyoming, states' first three rows
REQUESTS = Path(__file__).parent / "data"
MEMBERSHIP = {
    "members": ["--states", "CA,TX,NY,FL,WY,VT,ME,NE"],
    "exclude": ["--exclude", "DC,CA"],
    "won_by": ["--won-by", "R:2024"],
}

#: the voter model's options, shared by states and compare (the empirical model's own options
#: name the model too, so that each pair shows them applied rather than refused)
EMPIRICAL = ["--model", "empirical"]
MODEL = {
    "model": EMPIRICAL,
    "election": [*EMPIRICAL, "--election", "2016-2024"],
    "shift": [*EMPIRICAL, "--shift", "0.02"],
    "national_sd": [*EMPIRICAL, "--national-sd", "0.02"],
    "state_sd": [*EMPIRICAL, "--state-sd", "0.05"],
    "lean": [*EMPIRICAL, "--lean", "none"],
}

#: one non-default value per option (click parameter name -> arguments)
CASES: dict[str, dict[str, list[str]]] = {
    "states": {
        "body": ["--body", "senate"],
        "census": ["--census", "2010"],
        "index": ["--index", "bz"],
        "population": ["--population", "apportionment"],
        "population_file": ["--population-file", str(OWN_POPULATIONS)],
        "split_states": ["--no-split-states"],
        "senate_model": ["--senate-model", "independent"],
        "cloture": ["--cloture"],
        "vp_tiebreak": ["--vp-tiebreak"],
        "scheme": ["--scheme", "ec-house-only"],
        "scenario_files": ["--scenario", str(EXAMPLES / "california_proportional.toml")],
        **MEMBERSHIP,
        **MODEL,
        "sort": ["--sort", "state"],
        "top": ["--top", "5"],
        "wide": ["--wide"],
        "recompute": ["--recompute"],
        "request_file": ["--request", str(REQUESTS / "request_states.toml")],
        "save_request": ["--save-request", "SAVED"],
        "link": ["--link"],
        "fmt": ["--format", "json"],
    },
    "compare": {
        "scheme_list": ["--schemes", "ec-webster,house-current"],
        "census": ["--census", "2010"],
        "index": ["--index", "bz"],
        "population": ["--population", "apportionment"],
        "population_file": ["--population-file", str(OWN_POPULATIONS)],
        **MEMBERSHIP,
        "scenario_files": ["--scenario", str(EXAMPLES / "senate_three_fifths_by_population.toml")],
        "plot_file": ["--plot", "PLOT"],
        "plot_kind": ["--plot-kind", "summary"],
        **MODEL,
        "recompute": ["--recompute"],
        "request_file": ["--request", str(REQUESTS / "request_compare.toml")],
        "save_request": ["--save-request", "SAVED"],
        "link": ["--link"],
        "fmt": ["--format", "json"],
    },
    "process": {
        "kind": ["amendment"],
        "census": ["--census", "2010"],
        "filibuster": ["--filibuster"],
        "vp_tiebreak": ["--vp-tiebreak"],
        "population": ["--population", "apportionment"],
        "population_file": ["--population-file", str(OWN_POPULATIONS)],
        "dc_statehood": ["--dc-statehood"],
        "pr_statehood": ["--pr-statehood"],
        **MEMBERSHIP,
        "house_method": ["--house-method", "webster"],
        "house_size": ["--house-size", "500"],
        "index": ["--index", "bz"],
        "request_file": ["--request", str(REQUESTS / "request_process.toml")],
        "save_request": ["--save-request", "SAVED"],
        "link": ["--link"],
        "fmt": ["--format", "json"],
    },
}

#: pairs whose output is the same as with one of the two alone, and why (command, a, b)
SAME: dict[tuple[str, str, str], str] = {
    ("process", "house_method", "members"): "Webster's method gives these eight states the "
    "seats Huntington-Hill gives them (checked in test_process.py's apportionment tests)",
}

for _command in ("states", "compare"):
    for _option in ("election", "shift", "national_sd", "state_sd", "lean"):
        SAME[(_command, *sorted(("model", _option)))] = (
            "the empirical model's options are given with --model empirical (see MODEL)"
        )
SAME[("compare", "plot_file", "plot_kind")] = (
    "--plot-kind changes the picture, not the text (tests/test_plot.py reads each kind's "
    "figure back); without --plot it is refused"
)
for _command in ("states", "compare"):
    SAME[(_command, "lean", "population_file")] = (
        "the fixture holds the 2020 resident populations, the model's own basis with --lean "
        "none: the same numbers (tests/test_population_file.py checks a file's numbers are used)"
    )
SAME[("compare", "lean", "population")] = (
    "applied (the JSON ratio moves from 3.5834 to 3.5805) but resident and apportionment "
    "populations differ by under 1%: the table's three digits do not move"
)

for _command in ("states", "compare"):
    for _option in CASES[_command]:
        if _option != "recompute":
            SAME[(_command, *sorted(("recompute", _option)))] = (
                "--recompute computes what the store of precomputed answers holds: the same "
                "output by design (tests/test_store.py compares every stored answer)"
            )


def _command_named(name: str) -> click.Command:
    command = main.get_command(click.Context(main), name)
    assert command is not None, name
    return command


SAME[("compare", "exclude", "request_file")] = (
    "the command line's --exclude replaces the saved request's (options given beside "
    "--request apply on top of it; test_request.py checks the merge)"
)
SAME[("process", "exclude", "request_file")] = SAME[("compare", "exclude", "request_file")]
SAME[("states", "request_file", "top")] = (
    "the command line's --top replaces the saved request's (options given beside --request "
    "apply on top of it)"
)

#: an option that writes a file rather than changing the text: applied iff the file exists
WRITES_FILE = {
    ("compare", "plot_file"),
    *((command, "save_request") for command in ("compare", "states", "process")),
}


def _flags(command: str, name: str) -> list[str]:
    """How the option is spelled on the command line (for the refusal's message)."""
    param = next(p for p in _command_named(command).params if p.name == name)
    if isinstance(param, click.Argument):
        return [name.upper(), *CASES[command][name]]
    return list(param.opts) + list(getattr(param, "secondary_opts", []))


def _run(command: str, names: tuple[str, ...], tmp_path: Path):
    args = list(BASE[command])
    plot = tmp_path / ("-".join(names) + ".png")
    saved = tmp_path / ("-".join(names) + ".toml")
    for name in names:
        if name != "kind":
            args += [
                plot.as_posix() if a == "PLOT" else saved.as_posix() if a == "SAVED" else a
                for a in CASES[command][name]
            ]
    if command == "process":
        args += CASES[command]["kind"] if "kind" in names else ["lawmaking"]
    result = CliRunner().invoke(main, args)
    return result, plot


@pytest.mark.parametrize("command", sorted(BASE))
def test_every_option_has_a_case(command):
    params = {p.name for p in _command_named(command).params if p.name not in ("help",)}
    missing = params - set(CASES[command])
    assert not missing, f"options of {command} without a case in CASES: {sorted(missing)}"


def _pairs():
    for command in sorted(BASE):
        for a, b in itertools.combinations(sorted(CASES[command]), 2):
            yield command, a, b


@pytest.mark.parametrize(("command", "a", "b"), list(_pairs()))
def test_each_pair_is_applied_or_refused(command, a, b, tmp_path):
    both, plot = _run(command, (a, b), tmp_path)
    assert "Traceback" not in both.output and "internal error" not in both.output, both.output
    if both.exit_code == 2:
        named = _flags(command, a) + _flags(command, b)
        assert any(flag in both.output for flag in named), (
            f"refused without naming --{a} or --{b}: {both.output}"
        )
        return
    if both.exit_code == 1:  # a domain error (e.g. no data for that census): applied, and said
        assert both.output.startswith("Error: ") and both.output.count("\n") == 1, both.output
        return
    assert both.exit_code == 0, both.output
    for alone, other in ((b, a), (a, b)):  # is `other` applied on top of `alone`?
        single, single_plot = _run(command, (alone,), tmp_path)
        if (command, other) in WRITES_FILE:
            written = plot if other == "plot_file" else plot.with_suffix(".toml")
            assert written.exists(), f"--{other} wrote no file with --{alone}"
            continue
        if single.exit_code == 0 and single.output == both.output:
            reason = SAME.get((command, *sorted((a, b))))
            assert reason, f"--{other} changed nothing on top of --{alone} ({command})"
