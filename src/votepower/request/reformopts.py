"""``reforms``' options, each a short text as the command line takes it, and their checks
(parsed here, so that a bad one is refused when the request is made)."""

from __future__ import annotations

from typing import Any

from .errors import fail

__all__ = [
    "BODY_KNOBS",
    "DEFAULT_BUDGET",
    "KNOB_DEFAULTS",
    "REFORM_OPTIONS",
    "body_of",
    "check_reforms",
    "knob",
    "parse_house_sizes",
    "reform_space",
    "weights",
]


#: the most reforms a search evaluates unless the request says (``--budget``)
DEFAULT_BUDGET = 100_000

#: the knobs of each body a search can turn (``Request.options`` keys), and the body's name
BODY_KNOBS = {
    "electoral-college": ("house_sizes", "methods", "senatorial_electors", "elector_rules",
                          "switch"),
    "senate": ("senate_seats", "senate_sizes"),
    "house": ("house_sizes", "methods"),
}  # fmt: skip

#: each knob's value today, as the command line takes it (``None``: not turned)
KNOB_DEFAULTS = {
    "house_sizes": "435",
    "methods": "huntington-hill",
    "senatorial_electors": "2",
    "elector_rules": "winner-take-all",
    "switch": None,
    "senate_seats": "equal",
    "senate_sizes": None,
    "statehood": "none",
}

#: reforms' own options (``Request.options`` keys)
REFORM_OPTIONS = (
    "body", *BODY_KNOBS["electoral-college"], *BODY_KNOBS["senate"], "statehood",
    "objective", "cost", "target", "budget",
)  # fmt: skip

_STATEHOOD = {"none": (False, False), "dc": (True, False), "pr": (False, True),
              "dc+pr": (True, True)}  # fmt: skip


def parse_house_sizes(text: str, option: str = "--house-sizes") -> tuple[int | str, ...]:
    """``435..1500`` (every size between), ``435,500,wyoming-rule,fixed-ratio:760000`` or
    both mixed."""
    from ..us.apportion import HOUSE_SIZE_RULES, MAX_HOUSE_SIZE, is_house_size

    out: list[int | str] = []
    for part in str(text).split(","):
        part = part.strip().lower()
        if not part:
            continue
        lo, dots, hi = part.partition("..")
        if dots:
            if not (lo.isascii() and lo.isdigit() and hi.isascii() and hi.isdigit()):
                fail(f"{option} {part!r}: a range is FIRST..LAST, e.g. 435..1500")
            first, last = int(lo), int(hi)
            if first > last:
                fail(f"{option} {part}: the range runs backwards")
            if first < 1 or last > MAX_HOUSE_SIZE:
                fail(f"{option} {part}: sizes run from 1 to {MAX_HOUSE_SIZE:,} seats")
            out += range(first, last + 1)
        elif part.isascii() and part.isdigit():
            size = int(part)
            if not 1 <= size <= MAX_HOUSE_SIZE:
                fail(f"{option} {part}: sizes run from 1 to {MAX_HOUSE_SIZE:,} seats")
            out.append(size)
        elif is_house_size(part):  # a rule (wyoming-rule, ...) or fixed-ratio:N
            out.append(part)
        else:
            fail(
                f"{option} {part!r}: a number of seats, a range (435..1500), a rule "
                f"({', '.join(HOUSE_SIZE_RULES.ids())}) or fixed-ratio:N (N people a seat)"
            )
    if not out:
        fail(f"{option} names no size")
    return tuple(dict.fromkeys(out))


def _names(text: Any, option: str) -> list[str]:
    items = [p.strip().lower() for p in str(text).split(",") if p.strip()]
    if not items:
        fail(f"--{option} names nothing")
    return items


def weights(text: str) -> dict[str, float]:
    """``seats`` or ``seats=1,electors=2``: cost parts and their weights."""
    from ..us.reforms import COSTS

    out: dict[str, float] = {}
    for item in _names(text, "cost"):
        name, eq, value = item.partition("=")
        try:
            part = COSTS.get(name.strip()).id
        except Exception as exc:  # an unknown part: the registry's message
            fail(str(exc))
        try:
            weight = float(value) if eq else 1.0
        except ValueError:
            fail(f"--cost {item}: the weight is a number (e.g. {name}=2)")
        if not weight >= 0 or weight == float("inf"):
            fail(f"--cost {item}: the weight is a number of 0 or more")
        out[part] = weight
    return out


def body_of(options: dict[str, Any]) -> str:
    """The body the search turns the knobs of: the Electoral College unless ``body`` says."""
    body = str(options.get("body", "electoral-college")).strip().lower()
    if body not in BODY_KNOBS:
        fail(f"--body {body!r}: reforms searches {' or '.join(BODY_KNOBS)}")
    return body


def reform_space(options: dict[str, Any]) -> Any:
    """The space the options span (defaults: today's value of each knob)."""
    from ..core.errors import VotepowerError
    from ..us.reforms import HouseSpace, ReformSpace, SenateSpace

    body = body_of(options)
    mine = BODY_KNOBS[body]
    others = sorted({k for knobs in BODY_KNOBS.values() for k in knobs
                     if k in options and k not in mine})  # fmt: skip
    if others:
        named = {"electoral-college": "Electoral College", "senate": "Senate", "house": "House"}
        owners = [named[b] for b, knobs in BODY_KNOBS.items() if set(others) & set(knobs)]
        fail(
            f"{', '.join('--' + k.replace('_', '-') for k in others)}: "
            f"{'a knob' if len(others) == 1 else 'knobs'} of the {' or the '.join(owners)}, "
            f"not of the {named[body]} searched (--body {body})"
        )
    statehood = tuple(_state(v) for v in _names(knob(options, "statehood"), "statehood"))
    try:
        if body == "senate":
            seats, tiers = _senate_seats(knob(options, "senate_seats"))
            return SenateSpace(
                seats=seats,
                sizes=_senate_sizes(knob(options, "senate_sizes")),
                tiers=tiers,
                statehood=statehood,
            )
        # the House's size and method: knobs of the House and of the College
        sized = {
            "house_sizes": parse_house_sizes(knob(options, "house_sizes")),
            "methods": tuple(_names(knob(options, "methods"), "methods")),
            "statehood": statehood,
        }
        if body == "house":
            return HouseSpace(**sized)
        return ReformSpace(
            **sized,
            senatorial_electors=tuple(
                _count(v)
                for v in _names(knob(options, "senatorial_electors"), "senatorial-electors")
            ),  # fmt: skip
            elector_rules=tuple(_names(knob(options, "elector_rules"), "elector-rules")),
            switch=_switch(options["switch"]) if "switch" in options else None,
        )
    except VotepowerError as exc:
        fail(str(exc))


def knob(options: dict[str, Any], name: str) -> Any:
    """A knob's values as the request gives them, else today's (:data:`KNOB_DEFAULTS`)."""
    return options.get(name, KNOB_DEFAULTS[name])


def _senate_seats(text: Any) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
    """``equal,square-root,tiers:2000000/6000000``: the seat rules, and the tiers' threshold
    lists (each ``tiers:`` a reform of its own)."""
    from ..us.reforms import SENATE_SEATS

    rules: list[str] = []
    tiers: list[tuple[int, ...]] = []
    for item in _names(text, "senate-seats"):
        rule, colon, rest = item.partition(":")
        if rule == "tiers":
            parts = [p.replace("_", "") for p in rest.split("/")]
            if not colon or not all(p.isascii() and p.isdigit() for p in parts):
                fail(
                    f"--senate-seats {item!r}: tiers:T1/T2/... (population thresholds: two "
                    "seats, one more at each), e.g. tiers:2000000/10000000"
                )
            tiers.append(tuple(int(p) for p in parts))
        elif colon or rule not in SENATE_SEATS:
            fail(f"--senate-seats {item!r}: choose from equal, population, square-root, "
                 "tiers:T1/T2/...")  # fmt: skip
        rules.append(rule)
    return tuple(rules), tuple(tiers)


def _senate_sizes(text: Any) -> tuple[int | None, ...]:
    """``100,150`` or ``100..200``: the Senate's seats in all (default: two per member)."""
    if text is None:
        return (None,)
    sizes = parse_house_sizes(str(text), "--senate-sizes")
    if any(isinstance(s, str) for s in sizes):
        fail("--senate-sizes takes numbers of seats and ranges (100..150), not House rules")
    return tuple(int(s) for s in sizes)


def _switch(text: Any) -> tuple[str, int]:
    """``district:3``: every set of up to 3 states switching to the district method."""
    rule, colon, k = str(text).strip().lower().partition(":")
    if not colon or not (k.isascii() and k.isdigit()):
        fail(f"--switch {text!r}: RULE:K, e.g. district:3 (sets of up to 3 states)")
    return rule, int(k)


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        fail(f"--senatorial-electors {text!r}: whole numbers, e.g. 0,1,2")
    return int(text)


def _state(text: str) -> tuple[bool, bool]:
    if text not in _STATEHOOD:
        fail(f"--statehood {text!r}: choose from {', '.join(_STATEHOOD)}")
    return _STATEHOOD[text]


def check_reforms(request: Any, options: dict[str, Any]) -> None:
    """reforms' rules: every option a text the command line takes (checked by parsing it),
    the objective and index one each, the target and budget numbers."""
    from ..us.reforms import OBJECTIVES

    for name in ("body", "house_sizes", "methods", "senatorial_electors", "elector_rules",
                 "statehood", "objective", "cost", "switch", "senate_seats",
                 "senate_sizes"):  # fmt: skip
        if name in options and not isinstance(options[name], str):
            fail(f"--{name.replace('_', '-')} is a text, e.g. as the command line takes it")
    reform_space(options)
    if "objective" in options:
        try:
            options["objective"] = OBJECTIVES.get(options["objective"]).id
        except Exception as exc:
            fail(str(exc))
    if "cost" in options:
        weights(options["cost"])
    target = options.get("target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, int | float)):
        fail("--target is a number")
    budget = options.get("budget")
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int)
                               or budget < 1):  # fmt: skip
        fail("--budget is a whole number of evaluations, at least 1")
    if request.index == "all":
        fail("reforms searches one index: --index banzhaf or shapley-shubik")
    empirical = request.model.spec.id == "empirical"
    if empirical and body_of(options) != "electoral-college":
        fail(
            "--model empirical is the presidential election's model (the Electoral College); "
            f"the {body_of(options).title()} is searched under the a-priori model"
        )
    objective = options.get("objective", "ratio")
    spec = OBJECTIVES.get(objective)
    if not empirical and not spec.field:
        fail(f"--objective {spec.id} is the empirical model's: add --model empirical")
