"""What every benchmark shares: the paper's facts, the task loader, the cache and its runner, grid points.

- :mod:`.facts`: the facts of the paper (``data/paper_facts.json``);
- :mod:`.tasks`: task specifications (``"overlap:overlap=2,m=16"``) and their truth tables;
- :mod:`.cache`: one result file per job, its key, and the one runner (joblib);
- :mod:`.grid`: the P_u x P_e grid and the sculpting of a task over it;
- :mod:`.points`: what a cached grid point keeps of a fitted network;
- :mod:`.selection`: the rules that pick one cached point per trial;
- :mod:`.cli`: the command-line options and the joblib backend of the runs.

The benchmarks use sksculpt's public API, and two internal entry points only:
:func:`sksculpt._grid.fit_grid` (in :mod:`.grid`) and, to time the engine
itself, the ``sksculpt._engine`` namespace (in :mod:`benchmarks.speed.bench_sparse`).
"""
