"""Voter models: how citizens vote, and what follows for the probability that one decides.

* ``apriori`` -- every citizen an independent fair coin (the Banzhaf and Shapley-Shubik
  per-citizen indices of :mod:`votepower.citizens`);
* ``empirical`` -- partisan units with correlated swings (:mod:`.empirical`).
"""
