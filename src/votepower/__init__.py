"""votepower: exact voting power of players, states and citizens.

>>> from votepower import WeightedGame, banzhaf, shapley_shubik
>>> game = WeightedGame([4, 4, 4, 2, 2, 1], 12)   # EEC Council of Ministers, 1958
>>> banzhaf(game, exact=True).swings
(10, 10, 10, 6, 6, 0)
"""

from importlib.metadata import PackageNotFoundError, version

from .citizens import (
    Bloc,
    CitizenPowerResult,
    Districts,
    IndependentSeats,
    Split,
    TwoTierBody,
    citizen_power,
)
from .errors import (
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
from .game import WeightedGame
from .power.indices import DEFAULT_LIMITS, Limits, banzhaf, shapley_shubik
from .registry import INDICES, METHODS
from .result import BanzhafResult, ShapleyShubikResult
from .schemes import electoral_college, house, senate

try:
    __version__ = version("votepower")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = [
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
