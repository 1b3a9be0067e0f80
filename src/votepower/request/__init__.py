"""The question and its evaluation: comparisons of schemes, diffs, histories, and the voter
models' comparisons, computed for every front end alike."""
