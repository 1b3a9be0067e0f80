"""The generic layer: weighted and multi-criteria voting games of *players*, their power
indices (exact and approximate algorithms, the classic indices), compound games, reference
games with sourced data, and step-by-step explanations. Never imports the US layer."""
