"""The reference's experiments with the authors' own per-trial settings, and the authors' own nets.

Library modules: :mod:`.settings` (the rows of ``data/reference_trials.csv``),
:mod:`.fits` (a row fitted at its pick, a trial over the grid), :mod:`.masks`
(the authors' stored nets), :mod:`.readings` (what the reference counts as
found), :mod:`.report` (tables beside the poster's), :mod:`.random_tasks`
(random hierarchical tasks through ``SculptingClassifierCV``),
:mod:`.decompositions` (the truth-table check of a module),
:mod:`.support_tables` (the calibration's tables). Scripts
(``python -m benchmarks.reference.<name>``): :mod:`.run` (picked, grid and
authors modes), :mod:`.exemplars`, :mod:`.depth_figures`, :mod:`.calibration`,
:mod:`.held_out`.
"""
