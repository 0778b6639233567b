"""Speed: wall time and memory of a fit, a grid, the engine, sparse training and module detection.

Scripts (``python -m benchmarks.speed.<name>``): :mod:`.bench_fit`,
:mod:`.bench_grid`, :mod:`.bench_engine`, :mod:`.bench_sparse`,
:mod:`.bench_detection`.
"""
