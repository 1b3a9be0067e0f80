"""``reforms``' options, each a short text as the command line takes it, and their checks
(parsed here, so that a bad one is refused when the request is made)."""

from __future__ import annotations

from typing import Any

from .errors import fail

__all__ = ["REFORM_OPTIONS", "check_reforms", "parse_house_sizes", "reform_space", "weights"]


#: reforms' own options (``Request.options`` keys)
REFORM_OPTIONS = (
    "house_sizes", "methods", "senatorial_electors", "elector_rules", "statehood",
    "objective", "cost", "target", "budget", "switch",
)  # fmt: skip

_STATEHOOD = {"none": (False, False), "dc": (True, False), "pr": (False, True),
              "dc+pr": (True, True)}  # fmt: skip


def parse_house_sizes(text: str) -> tuple[int | str, ...]:
    """``435..1500`` (every size between), ``435,500,wyoming-rule`` or both mixed."""
    from ..us.apportion import HOUSE_SIZE_RULES, MAX_HOUSE_SIZE

    out: list[int | str] = []
    for part in str(text).split(","):
        part = part.strip().lower()
        if not part:
            continue
        lo, dots, hi = part.partition("..")
        if dots:
            if not (lo.isascii() and lo.isdigit() and hi.isascii() and hi.isdigit()):
                fail(f"--house-sizes {part!r}: a range is FIRST..LAST, e.g. 435..1500")
            first, last = int(lo), int(hi)
            if first > last:
                fail(f"--house-sizes {part}: the range runs backwards")
            if first < 1 or last > MAX_HOUSE_SIZE:
                fail(f"--house-sizes {part}: sizes run from 1 to {MAX_HOUSE_SIZE:,} seats")
            out += range(first, last + 1)
        elif part.isascii() and part.isdigit():
            size = int(part)
            if not 1 <= size <= MAX_HOUSE_SIZE:
                fail(f"--house-sizes {part}: sizes run from 1 to {MAX_HOUSE_SIZE:,} seats")
            out.append(size)
        elif part in HOUSE_SIZE_RULES.ids():
            out.append(part)
        else:
            fail(
                f"--house-sizes {part!r}: a number of seats, a range (435..1500) or a rule "
                f"({', '.join(HOUSE_SIZE_RULES.ids())})"
            )
    if not out:
        fail("--house-sizes names no size")
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


def reform_space(options: dict[str, Any]) -> Any:
    """The space the options span (defaults: today's value of each knob)."""
    from ..core.errors import VotepowerError
    from ..us.reforms import ReformSpace

    try:
        return ReformSpace(
            house_sizes=parse_house_sizes(options.get("house_sizes", "435")),
            methods=tuple(_names(options.get("methods", "huntington-hill"), "methods")),
            senatorial_electors=tuple(
                _count(v)
                for v in _names(
                    options.get("senatorial_electors", "2"), "senatorial-electors"
                )  # fmt: skip
            ),
            elector_rules=tuple(
                _names(options.get("elector_rules", "winner-take-all"), "elector-rules")
            ),
            statehood=tuple(
                _state(v) for v in _names(options.get("statehood", "none"), "statehood")
            ),
            switch=_switch(options["switch"]) if "switch" in options else None,
        )
    except VotepowerError as exc:
        fail(str(exc))


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

    for name in ("house_sizes", "methods", "senatorial_electors", "elector_rules", "statehood",
                 "objective", "cost", "switch"):  # fmt: skip
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
    objective = options.get("objective", "ratio")
    spec = OBJECTIVES.get(objective)
    if not empirical and not spec.field:
        fail(f"--objective {spec.id} is the empirical model's: add --model empirical")
