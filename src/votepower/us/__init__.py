"""The US constitution: the packaged data, apportionment, unions of states, the bodies and
their alternative schemes, user scenarios, constitutional processes, the precomputed store,
and the inverse problem (design). Speaks of states and citizens; builds on the generic and
two-tier layers."""
