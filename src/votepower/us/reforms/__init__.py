"""Which reform? A search over the law's own knobs (``votepower reforms``): the spaces of
reforms of the Electoral College (:mod:`.space`), the Senate (:mod:`.senate`) and the House
(:mod:`.house`), with what they share (:mod:`.knobs`); sets of states switching their rule
(:mod:`.sets`); and the search with its objectives, costs and Pareto frontier
(:mod:`.search`)."""

from .house import HOUSE_TODAY, HouseReform, HouseSpace
from .search import COSTS, OBJECTIVES, Evaluated, ReformSearch, frontier, search_reforms
from .senate import SENATE_SEATS, SENATE_TODAY, SenateReform, SenateSpace
from .space import ELECTOR_RULES, TODAY, Reform, ReformSpace

__all__ = [
    "COSTS",
    "ELECTOR_RULES",
    "Evaluated",
    "HOUSE_TODAY",
    "HouseReform",
    "HouseSpace",
    "OBJECTIVES",
    "Reform",
    "ReformSearch",
    "ReformSpace",
    "SENATE_SEATS",
    "SENATE_TODAY",
    "SenateReform",
    "SenateSpace",
    "TODAY",
    "frontier",
    "search_reforms",
]
