"""The paper's protocol with the paper protocol's own training settings: every trial over the P_u x P_e grid.

Library modules: :mod:`.protocol` (trials and their settings), :mod:`.trial`
(one architecture's seeds sculpted over the grid), :mod:`.runner` (the cached
parallel run), :mod:`.report` (success tables). Scripts (``python -m
benchmarks.paper.<name>``): :mod:`.run` (the success table), :mod:`.trends`
(overlap, reuse and depth), :mod:`.results_figures` (the results page's
figures), :mod:`.digits` (the two-image experiment).
"""
