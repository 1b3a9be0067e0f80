"""Voter models: how citizens vote, and what follows for the probability that one decides.

* ``apriori`` -- every citizen an independent fair coin: the per-citizen Banzhaf and
  Shapley-Shubik indices of :mod:`votepower.citizens`;
* ``empirical`` -- partisan states with correlated swings from past elections: the
  probability that one voter decides a presidential election (:mod:`.empirical`,
  :mod:`.outcomes`, :mod:`.presidential`).

The command line passes the model down as one choice (``--model``); each spec says which
options belong to it, so that an option of another model is refused, never ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.registry import Registry, Spec

__all__ = ["ModelSpec", "MODELS"]


@dataclass(frozen=True)
class ModelSpec(Spec):
    """A voter model: its id, what it computes, and the command-line options it owns."""

    options: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    """The bodies it models (empty: all)."""


MODELS: Registry[ModelSpec] = Registry(
    "model",
    ModelSpec(
        "apriori",
        "every citizen an independent fair coin: per-citizen Banzhaf and Shapley-Shubik",
        options=("index",),
        aliases=("a-priori",),
    ),
    ModelSpec(
        "empirical",
        "partisan states and correlated swings from past elections: the probability that "
        "one voter decides the presidency",
        options=("election", "shift", "national_sd", "state_sd", "lean"),
        bodies=("electoral-college", "national"),
    ),
)
