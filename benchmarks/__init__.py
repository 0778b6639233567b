"""The benchmarks: the paper's experiments reproduced, speed, and real data (not installed with sksculpt).

One subpackage per job, each run from the checkout's root as ``python -m
benchmarks.<subpackage>.<script>``:

- :mod:`benchmarks.paper`: the paper's protocol with its own training
  settings (the success table, the three trends, the results page's figures,
  the two-image experiment);
- :mod:`benchmarks.reference`: the authors' per-trial settings
  (``data/reference_trials.csv``) and the authors' own nets;
- :mod:`benchmarks.speed`: wall time and memory;
- :mod:`benchmarks.real_data`: the defaults on real tabular data;
- :mod:`benchmarks.common`: what they share (the paper's facts, the task
  loader, the cache and its runner, grid points, selection rules).

Scripts import library modules, never another script. The paper's facts
live in ``data/paper_facts.json`` (sources named there and in
``data/README.md``); results are cached under ``benchmarks/results/``.
"""
