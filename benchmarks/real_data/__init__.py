"""Real tabular data: the defaults beside scikit-learn's MLPClassifier, and how stable support is.

Scripts (``python -m benchmarks.real_data.<name>``): :mod:`.defaults`, :mod:`.trust`.
"""
