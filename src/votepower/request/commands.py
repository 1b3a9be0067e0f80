"""The commands a request can ask for, in a registry: what each request may carry, and the
checks of its own options."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..core.registry import Registry, Spec
from .errors import fail, spell
from .reformopts import REFORM_OPTIONS

__all__ = [
    "COMMANDS",
    "CommandSpec",
    "check_design",
    "check_history",
    "check_process",
    "known_censuses",
    "parse_censuses",
]


@dataclass(frozen=True)
class CommandSpec(Spec):
    """A kind of answer: what its request may carry."""

    aliases: tuple[str, ...] = ()
    schemes: tuple[int, int] = (0, 0)
    """How many built-in schemes (least, most; -1: any number)."""
    scenarios: bool = False
    options: tuple[str, ...] = ()
    """The command's own options (``Request.options`` keys)."""
    view: bool = False
    models: bool = True
    """Whether the voter model can be chosen."""


COMMANDS: Registry[CommandSpec] = Registry(
    "command",
    CommandSpec(
        "states",
        "per-state and per-citizen power in one body or scheme",
        schemes=(0, 1),
        scenarios=True,
        options=("body", "split_states", "senate_model", "cloture", "vp_tiebreak"),
        view=True,
    ),
    CommandSpec("compare", "schemes side by side", schemes=(0, -1), scenarios=True),
    CommandSpec(
        "history",
        "the comparison's measures census by census, or election by election",
        schemes=(0, -1),
        options=("censuses", "elections", "per_state", "rank", "unit_power"),
    ),
    CommandSpec(
        "design",
        "the weights and quota (or double majority) that equalize per-citizen power",
        options=("total_weight", "quota", "target", "max_seconds", "frontier", "rule"),
    ),
    CommandSpec(
        "process",
        "power in a compound process (lawmaking, an amendment), by office and per citizen",
        options=(
            "kind",
            "filibuster",
            "vp_tiebreak",
            "dc_statehood",
            "pr_statehood",
            "house_method",
            "house_size",
        ),
    ),
    CommandSpec(
        "reforms",
        "search the law's knobs for the reforms that reach a goal at the least cost",
        options=REFORM_OPTIONS,
    ),  # fmt: skip
    CommandSpec(
        "diff",
        "two schemes state by state (a scheme: a built-in id, or a scenario by its file name)",
        schemes=(2, 2),
        scenarios=True,
    ),
)

#: the options of ``states`` that belong to one body
_BODY_OPTIONS = {
    "split_states": "electoral-college",
    "senate_model": "senate",
    "cloture": "senate",
    "vp_tiebreak": "senate",
}


def parse_censuses(text: str, known: tuple[int, ...]) -> tuple[int, ...]:
    """``1910-2020`` (every census of ``known`` in between) or ``1950,1960``."""
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        lo, dash, hi = part.partition("-")
        if not (lo.isascii() and lo.isdigit() and (not dash or (hi.isascii() and hi.isdigit()))):
            fail(f"--censuses takes years or ranges, e.g. 1910-2020 or 1950,1960 (got {part!r})")
        if dash:
            first, last = int(lo), int(hi)
            if first > last:
                fail(f"--censuses {part}: the range runs backwards")
            chosen = [c for c in known if first <= c <= last]
            if not chosen:
                fail(
                    f"--censuses {part}: no census with an apportionment in that range (there "
                    f"are {', '.join(map(str, known))}; none followed 1920)"
                )
            out += chosen
        else:
            out.append(_known(int(lo), known))
    return tuple(sorted(set(out)))


def _known(year: int, known: tuple[int, ...]) -> int:
    if year not in known:
        fail(
            f"--censuses {year}: no apportionment for that census (there are "
            f"{', '.join(map(str, known))}; none followed 1920)"
        )
    return year


def known_censuses(unit_power: bool) -> tuple[int, ...]:
    """The censuses ``history`` has rows for: every apportionment's, or (``unit_power``) every
    College's back to 1790."""
    from .history import HISTORY_CENSUSES, college_censuses

    return tuple(college_censuses()) if unit_power else tuple(HISTORY_CENSUSES)


def check_history(request, options: dict) -> None:  # type: ignore[no-untyped-def]
    """``history``'s rules: its three kinds of rows and the options each takes (in the order
    the command line checked them, with its messages)."""
    union, model = request.union, request.model
    others = [f.name for f in fields(union) if f.name != "population"]
    if any(getattr(union, n) is not None for n in others):
        fail("history's union is every state of each census: --population only")
    if model.elections is not None or model.lean is not None:
        fail("history takes --elections (one row per election), not --election or --lean")
    if request.schemes == ():
        fail("--schemes names no scheme (see 'votepower schemes')")
    for flag in ("per_state", "rank", "unit_power"):
        if options.get(flag) is not None and not isinstance(options[flag], bool):
            fail(f"{spell([flag])} is on or off")
    unit_power = bool(options.get("unit_power"))
    years = options.get("censuses")
    if years is not None:
        known = known_censuses(unit_power)
        options["censuses"] = tuple(_known(int(y), known) for y in years)
    if options.get("elections") is not None:
        options["elections"] = tuple(int(y) for y in options["elections"])
    empirical = model.spec.id == "empirical"
    swing = [n for n in ("shift", "national_sd", "state_sd") if getattr(model, n) is not None]
    if unit_power:
        given = [
            *(["scheme_list"] if request.schemes is not None else []),
            *(["population"] if union.population is not None else []),
            *[n for n in ("per_state", "rank") if options.get(n)],
            *(["model"] if model.name is not None else []),
            *(["elections"] if options.get("elections") is not None else []),
            *swing,
        ]
        if given:
            spelled = spell(given).replace("--scheme-list", "--schemes")
            fail(
                "--unit-power is the Electoral College's weighted game of the states; "
                f"{spelled} cannot be combined with it"
            )
        if request.index == "all":
            fail("--unit-power shows one index: --index banzhaf or shapley-shubik")
        return
    if empirical:
        apriori_only = [
            *(["censuses"] if years is not None else []),
            *(["index"] if request.index is not None else []),
            *(["population"] if union.population is not None else []),
            *[n for n in ("per_state", "rank") if options.get(n)],
        ]
        if apriori_only:
            fail(
                f"{spell(apriori_only)} {'goes' if len(apriori_only) == 1 else 'go'} with the "
                "a-priori model's census rows, not --model empirical"
            )
        return
    empirical_only = [*(["elections"] if options.get("elections") is not None else []), *swing]
    if empirical_only:
        fail(f"{spell(empirical_only)}: only with --model empirical")
    if options.get("rank") and not options.get("per_state"):
        fail("--rank goes with --per-state")
    if options.get("per_state") and (
        request.schemes is None or len(request.schemes) != 1 or request.index == "all"
    ):
        fail(
            "--per-state draws one scheme's matrix for one index: give one --schemes id and "
            "--index banzhaf or shapley-shubik"
        )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_design(request, options: dict) -> None:  # type: ignore[no-untyped-def]
    """``design``'s rules: one design, the frontier, or a double majority (``rule``), each
    with the options it takes (the command line's messages)."""
    if request.index == "all":
        fail("design equalizes one index: --index banzhaf or shapley-shubik")
    if request.model.name is not None and request.model.spec.id != "apriori":
        fail("design equalizes the a-priori indices: no --model")
    total = options.get("total_weight")
    if total is not None and not (isinstance(total, int) and not isinstance(total, bool)
                                  and total >= 1):  # fmt: skip
        fail(f"--total-weight takes a whole number, 1 or more (not {total!r})")
    quota = options.get("quota")
    if quota is not None:
        share = isinstance(quota, float)
        if not _number(quota) or (share and not 0.5 < quota <= 1) or (not share and quota < 1):
            fail(f"--quota: a whole number of weight or a share above 1/2, not {quota!r}")
    target = options.get("target")
    if target is not None and (not _number(target) or not 1.0 <= target < float("inf")):
        fail(f"--target: a max/min ratio of 1 or more, not {target!r}")
    seconds = options.get("max_seconds")
    if seconds is not None and (not _number(seconds) or not 0.1 <= seconds <= 3600):
        fail(f"--max-seconds: from 0.1 to 3600, not {seconds!r}")
    for flag in ("frontier", "rule"):
        if options.get(flag) is not None and not isinstance(options[flag], bool):
            fail(f"--{flag} is on or off")
    if options.get("frontier"):
        for name in ("quota", "target"):
            if options.get(name) is not None:
                fail(f"--{name} sets one design; --frontier makes many")
    if options.get("rule"):
        given = [
            f"--{n.replace('_', '-')}"
            for n in ("frontier", "quota", "target", "total_weight", "max_seconds")
            if options.get(n) not in (None, False)
        ]
        if request.index is not None:
            given.append("--index")
        if given:
            fail(
                f"--rule designs a double majority of the Banzhaf index; {', '.join(given)} "
                "belong to weighted designs"
            )


def check_process(request, options: dict) -> None:  # type: ignore[no-untyped-def]
    """``process``'s rules: which process, and the options of lawmaking."""
    from ..us.apportion import APPORTIONMENT_METHODS
    from ..us.process import PROCESSES

    if request.model.name is not None and request.model.spec.id != "apriori":
        fail("process measures the a-priori indices: no --model")
    kind = options.get("kind")
    if kind is None:
        fail("process needs its kind: lawmaking or amendment")
    if kind not in PROCESSES:
        fail(f"no process {kind!r}; choose one of {', '.join(PROCESSES.names())}")
    options["kind"] = PROCESSES.get(kind).id
    for flag in ("filibuster", "vp_tiebreak", "dc_statehood", "pr_statehood"):
        if options.get(flag) is not None and not isinstance(options[flag], bool):
            fail(f"--{flag.replace('_', '-')} is on or off")
    if options["kind"] != "lawmaking" and (options.get("filibuster") or options.get("vp_tiebreak")):
        fail("--filibuster and --vp-tiebreak apply to lawmaking")
    method = options.get("house_method")
    if method is not None:
        if method not in APPORTIONMENT_METHODS:
            names = ", ".join(APPORTIONMENT_METHODS.names())
            fail(f"--house-method {method!r}: choose one of {names}")
        options["house_method"] = APPORTIONMENT_METHODS.get(method).id
    size = options.get("house_size")
    if size is not None and not isinstance(size, str):
        options["house_size"] = str(size)
