"""Which reform? A search over the law's own knobs (``votepower reforms``): the space of
reforms (:mod:`.space`) and the search with its objectives, costs and Pareto frontier
(:mod:`.search`)."""

from .search import COSTS, OBJECTIVES, Evaluated, ReformSearch, frontier, search_reforms
from .space import ELECTOR_RULES, TODAY, Reform, ReformSpace

__all__ = [
    "COSTS",
    "ELECTOR_RULES",
    "Evaluated",
    "OBJECTIVES",
    "Reform",
    "ReformSearch",
    "ReformSpace",
    "TODAY",
    "frontier",
    "search_reforms",
]
