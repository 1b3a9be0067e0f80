"""The ground every layer stands on: typed errors, registries of specs, result objects and
tables, bounded reading of the user's files, and the numerics shared by the layers above
(binomial probabilities, quadrature). Imports nothing else of votepower."""
