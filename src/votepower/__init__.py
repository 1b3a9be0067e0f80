"""votepower: exact voting power of players, states and citizens.

>>> from votepower import WeightedGame, banzhaf, shapley_shubik
>>> game = WeightedGame([4, 4, 4, 2, 2, 1], 12)   # EEC Council of Ministers, 1958
>>> banzhaf(game, exact=True).swings
(10, 10, 10, 6, 6, 0)
"""

import sys
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("votepower")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

# numpy-free modules are imported now; the others when one of their names is first used
# (PEP 562), so that importing the package, or its command line, does not load numpy before the
# command line has set it up.
from .core import moved as _moved
from .core.errors import (
    ApportionmentError,
    ApportionmentTieError,
    CitizenModelError,
    DataError,
    InvalidGameError,
    MethodNotApplicableError,
    PlotError,
    ResourceLimitError,
    ScenarioError,
    SchemeError,
    UnknownMethodError,
    VotepowerError,
)
from .core.registry import INDICES, METHODS
from .core.result import BanzhafResult, ShapleyShubikResult
from .games.game import WeightedGame

_EXPORTS = {
    "citizens": (
        "Bloc",
        "CitizenPowerResult",
        "Districts",
        "IndependentSeats",
        "Split",
        "TwoTierBody",
        "citizen_power",
    ),
    "games.power.indices": ("DEFAULT_LIMITS", "Limits"),
    "games.power.entry": ("banzhaf", "shapley_shubik"),
    "us.schemes": ("electoral_college", "house", "senate"),
    "models.presidential": ("EmpiricalParameters", "empirical_power"),
    "request.model": ("Request",),
    "request.verbs": (
        "compare",
        "states",
        "diff",
        "history",
        "design",
        "process",
        "reforms",
        "apportion",
        "game",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
_moved.install()  # the old import paths, for one release


class _Package(ModuleType):
    """The package keeps its verbs: importing an old module path that has a verb's name
    (``votepower.compare``, now ``votepower.request.compare``) does not replace the verb
    ``votepower.compare`` with that module (``from votepower.compare import X`` still works)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _MODULE_OF.get(name) == "request.verbs":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'votepower' has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


if TYPE_CHECKING:
    from .citizens import (
        Bloc,
        CitizenPowerResult,
        Districts,
        IndependentSeats,
        Split,
        TwoTierBody,
        citizen_power,
    )
    from .games.power.entry import banzhaf, shapley_shubik
    from .games.power.indices import DEFAULT_LIMITS, Limits
    from .models.presidential import EmpiricalParameters, empirical_power
    from .request.model import Request
    from .request.verbs import (
        apportion,
        compare,
        design,
        diff,
        game,
        history,
        process,
        reforms,
        states,
    )
    from .us.schemes import electoral_college, house, senate

__all__ = [
    "compare",
    "states",
    "diff",
    "history",
    "design",
    "process",
    "reforms",
    "apportion",
    "game",
    "Request",
    "WeightedGame",
    "banzhaf",
    "shapley_shubik",
    "citizen_power",
    "TwoTierBody",
    "Bloc",
    "Districts",
    "IndependentSeats",
    "Split",
    "CitizenPowerResult",
    "electoral_college",
    "senate",
    "house",
    "EmpiricalParameters",
    "empirical_power",
    "BanzhafResult",
    "ShapleyShubikResult",
    "Limits",
    "DEFAULT_LIMITS",
    "INDICES",
    "METHODS",
    "VotepowerError",
    "InvalidGameError",
    "UnknownMethodError",
    "MethodNotApplicableError",
    "ResourceLimitError",
    "DataError",
    "ApportionmentError",
    "ApportionmentTieError",
    "CitizenModelError",
    "SchemeError",
    "ScenarioError",
    "PlotError",
    "__version__",
]
