"""The list of dimensions (filled as each dimension's all-pairs module lands)."""

DIMENSIONS = ()
