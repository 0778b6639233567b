"""A sweep of bad inputs over the public API: every one gets a clear error.

Each probe calls one public function, method or estimator with one bad value
(a parameter, an argument, an array) and names what a clear error message
must mention, usually the parameter. A probe's outcome is

- a *clear error*: a ValueError, TypeError, FileNotFoundError or
  NotFittedError whose message matches what the probe names;
- an *internal error*: any other exception, or a message that does not name
  the problem;
- a *silent acceptance*: no error at all.

The test asserts that every probe ends in a clear error, and that no probe
changed the task arrays ``X`` and ``Y`` the bad arrays are made from. Run this
file as a script for the counts::

    python tests/test_input_sweep.py
"""

import atexit
import functools
import pathlib
import re
import shutil
import struct
import sys
import tempfile
import warnings

import networkx as nx
import numpy as np
import pytest
from scipy import sparse
from sklearn.exceptions import NotFittedError

from sksculpt import ModuleDetector, SculptingClassifier, hierarchy_match_score, make_hierarchy_scorer
from sksculpt.datasets import (
    FunctionGraph,
    load_two_digits,
    make_boolean_task,
    make_random_hierarchical_task,
    read_idx,
)
from sksculpt.detection import read_graphml, write_graphml
from sksculpt.metrics import expected_module_graph
from sksculpt.model_selection import CompleteTableSplit
from sksculpt.pruning import (
    density,
    edge_magnitude,
    loss_sensitivity,
    prune_edges,
    prune_units,
    run_pruning_schedule,
    unit_masks,
)

TASK = make_boolean_task("input_separable")
X, Y = TASK.data, TASK.target
GRAPH = TASK.graph
TINY = dict(hidden_layer_sizes=(4,), max_epochs=1, unit_prune_step=50, edge_prune_step=20, random_state=0)
CLEAR = (ValueError, TypeError, FileNotFoundError, NotFittedError)
NAN, INF = float("nan"), float("inf")
MASKS = [np.ones((4, 3), bool), np.ones((3, 4), bool)]


@functools.cache
def fitted():
    """A tiny fitted classifier, for the probes of its methods and of the plots."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return SculptingClassifier(**TINY).fit(X, Y)


def hierarchy():
    return ModuleDetector().fit(MASKS).hierarchy_


def with_node(**attributes):
    graph = nx.DiGraph()
    graph.add_node(0, **{"inputs": {0, 1, 2, 3}, "outputs": {0, 1, 2, 3}, **attributes})
    return graph


def true_graph_with(change):
    graph = GRAPH.copy()
    change(graph)
    return graph


def file_with(content, name="file"):
    path = pathlib.Path(_tmp()) / name
    path.write_bytes(content)
    return path


@functools.cache
def _tmp():
    """A scratch folder for the probes' files, removed when Python exits."""
    folder = tempfile.mkdtemp(prefix="sksculpt-sweep-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def figure_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


# --- the probes: (what is probed, the call, what a clear message names) ---------------------------

PROBES = []


def probe(label, call, names):
    PROBES.append((label, call, names))


def fit_with(**params):
    return lambda: SculptingClassifier(**{**TINY, **params}).fit(X, Y)


BAD_VALUES = {
    "hidden_layer_sizes": [(), (0,), (-1,), (4, 2.5), (4, True), "ab", None, 0, 4.0, [[4]], {4: 1}, (4, INF)],
    "lr": [0, -1, NAN, INF, True, "0.1", 1j],
    "batch_size": [0, -1, 2.5, True, "8", None, INF],
    "max_epochs": [0, -1, 2.5, True, "8", None, NAN],
    "weight_decay": [-1, NAN, INF, True, "0", None],
    "input_noise": [-0.1, NAN, INF, True, "0", None],
    "unit_prune_step": [0, 100, -5, NAN, INF, True, "50", None],
    "edge_prune_step": [0, 100, 150, NAN, -INF, True, "1.5", None],
    "accuracy_threshold": [0, 1.5, -0.1, NAN, True, "1"],
    "detector": ["x", 3, ModuleDetector, SculptingClassifier()],
    "validation_fraction": [0, 1, 1.5, NAN, True, "0.2"],
    "device": [None, "nonsense", "cuda:7", 3, "meta"],
    "random_state": ["seed", -1, 1.5, 2**40],
    "verbose": [-1, "yes", 1.5, None],
    "memory": [3, object()],
}
for parameter, values in BAD_VALUES.items():
    for value in values:
        probe(f"SculptingClassifier({parameter}={value!r})", fit_with(**{parameter: value}), parameter)
probe("SculptingClassifier(detector=ModuleDetector(merge_threshold=2))",
      fit_with(detector=ModuleDetector(merge_threshold=2)), "merge_threshold")
probe("SculptingClassifier(detector=ModuleDetector(step_size=0))",
      fit_with(detector=ModuleDetector(step_size=0)), "step_size")
probe("SculptingClassifier(validation_fraction=0.99) on 16 rows",
      fit_with(validation_fraction=0.99), "validation_fraction")

BAD_X = {
    "NaN": (np.where(X == 1, np.nan, X), "NaN"),
    "inf": (np.where(X == 1, np.inf, X), "infinity"),
    "3-D": (X[:, :, None], "dim"),
    "1-D": (X[:, 0], "2D array"),
    "no rows": (X[:0], "0 sample"),
    "one row": (X[:1], "1 sample"),
    "no columns": (X[:, :0], "0 feature"),
    "strings": (np.where(X == 1, "a", "b"), "convert|float"),
    "complex": (X + 1j, "[Cc]omplex"),
    "sparse": (sparse.csr_matrix(X), "[Ss]parse"),
    "ragged list": ([[0, 1], [1]], "inhomogeneous|sequence"),
    "None": (None, "None|array"),
    "scalar": (5.0, "2D array|scalar"),
    "object with None": (np.where(X == 1, None, X).astype(object), "NaN|None|float"),
    "rows != len(y)": (X[:-1], "inconsistent numbers of samples"),
}
for label, (bad, names) in BAD_X.items():
    probe(f"SculptingClassifier.fit(X {label})", lambda bad=bad: SculptingClassifier(**TINY).fit(bad, Y), names)

BAD_Y = {
    "-1/1 matrix": (2 * Y - 1, "0/1 indicator"),
    "0/2 matrix": (2 * Y, "0/1 indicator"),
    "constant matrix": (np.ones_like(Y), "constant"),
    "single class": (np.zeros(len(Y)), "single class"),
    "continuous": (np.linspace(0, 1, len(Y)), "continuous"),
    "string matrix": (np.where(Y == 1, "a", "b"), "0/1 indicator"),
    "NaN labels": (np.where(Y[:, 0] == 1, np.nan, 0.0), "NaN"),
    "NaN matrix": (np.where(Y == 1, np.nan, 0.0), "NaN"),
    "3-D": (Y[:, :, None], "dim|shape"),
    "None": (None, "requires y"),
    "len != len(X)": (Y[:-1], "inconsistent numbers of samples"),
    "complex": (Y + 1j, "[Cc]omplex"),
    "sparse -1/1": (sparse.csr_matrix(2 * Y - 1), "0/1 indicator"),
}
for label, (bad, names) in BAD_Y.items():
    probe(f"SculptingClassifier.fit(y {label})", lambda bad=bad: SculptingClassifier(**TINY).fit(X, bad), names)

for method in ("predict", "predict_proba"):
    probe(f"unfitted {method}", lambda method=method: getattr(SculptingClassifier(), method)(X), "not fitted")
    for label, bad, names in [
        ("3 features", X[:, :3], "features"),
        ("NaN", np.where(X == 1, np.nan, X), "NaN"),
        ("1-D", X[0], "2D array"),
        ("strings", np.where(X == 1, "a", "b"), "convert|float"),
        ("no rows", X[:0], "0 sample"),
    ]:
        probe(f"{method}(X {label})", lambda method=method, bad=bad: getattr(fitted(), method)(bad), names)
probe("score(X, y of another width)", lambda: fitted().score(X, Y[:, :2]), "different numbers of labels")

# --- ModuleDetector -----------------------------------------------------------------------------

for parameter, values in {
    "step_size": [0, -1, 1.5, True, "a"],
    "merge_threshold": [0, 1, NAN, -0.5, True, None, "0.9"],
    "mm_threshold": [-1, NAN, INF, None, "0.2"],
}.items():
    for value in values:
        probe(f"ModuleDetector({parameter}={value!r})",
              lambda parameter=parameter, value=value: ModuleDetector(**{parameter: value}).fit(MASKS), parameter)
BAD_MASKS = {
    "an int": (3, "list of 2-D boolean masks"),
    "a string": ("masks", "list of 2-D boolean masks"),
    "None": (None, "list of 2-D boolean masks"),
    "an empty list": ([], "empty list"),
    "a 1-D mask": ([np.ones(3)], "2-D"),
    "a mask of 2s": ([np.full((2, 2), 2)], "only True/False or 0/1"),
    "a mask with NaN": ([np.full((2, 2), np.nan)], "only True/False or 0/1"),
    "masks that disagree": ([np.ones((2, 3)), np.ones((2, 2))], "consecutive shapes"),
    "a string mask": ([np.array([["a"]])], "dtype"),
    "a mask without rows": ([np.ones((0, 2))], "empty dimension"),
    "an unfitted classifier": (SculptingClassifier(), "list of 2-D boolean masks|fitted"),
    "masks with no path": ([np.zeros((2, 2), bool)], "No path"),
    "a ragged mask": ([[[1, 0], [1]]], "inhomogeneous|2-D|sequence"),
}
for label, (bad, names) in BAD_MASKS.items():
    probe(f"ModuleDetector.fit({label})", lambda bad=bad: ModuleDetector().fit(bad), names)
probe("unfitted ModuleDetector.transform", lambda: ModuleDetector().transform(MASKS), "not fitted")
probe("ModuleDetector.transform(other architecture)",
      lambda: ModuleDetector().fit(MASKS).transform([np.ones((4, 4), bool), np.ones((4, 4), bool)]),
      "same architecture")

# --- metrics ------------------------------------------------------------------------------------

BAD_TRUE_GRAPHS = {
    "an int": (3, "true_graph must be a networkx.DiGraph"),
    "a MultiDiGraph": (nx.MultiDiGraph(GRAPH), "MultiDiGraph"),
    "an undirected graph": (nx.Graph(GRAPH), "true_graph must be a networkx.DiGraph"),
    "a node without role": (true_graph_with(lambda g: g.add_node("stray")), "role"),
    "a cycle": (true_graph_with(lambda g: g.add_edge("y0", "x0")), "cycle|operands"),
    "duplicate input indices": (true_graph_with(lambda g: g.nodes["x1"].update(index=0)), "index"),
    "no outputs": (nx.DiGraph([("a", "b")]), "role"),
    "a module graph (arguments swapped)": (ModuleDetector().fit(MASKS).hierarchy_, "true function graph first"),
}
for label, (bad, names) in BAD_TRUE_GRAPHS.items():
    probe(f"hierarchy_match_score(true_graph {label})", lambda bad=bad: hierarchy_match_score(bad, hierarchy()), names)
    probe(f"make_hierarchy_scorer(true_graph {label})", lambda bad=bad: make_hierarchy_scorer(bad), names)
    probe(f"expected_module_graph({label})", lambda bad=bad: expected_module_graph(bad), names)
BAD_HIERARCHIES = {
    "an int": (3, "hierarchy must be a module graph"),
    "None": (None, "hierarchy must be a module graph"),
    "an unfitted classifier": (SculptingClassifier(), "Fit it first"),
    "a MultiDiGraph": (nx.MultiDiGraph(), "MultiDiGraph"),
    "text index sets": (with_node(inputs="0,1"), "text.*read_graphml"),
    "an out-of-range input": (with_node(inputs={9}), r"holds inputs \[9\]"),
    "a missing outputs attribute": (nx.DiGraph([(0, 1)]), "no 'inputs' attribute|no 'outputs' attribute"),
    "an integer index set": (with_node(inputs=3), "must hold column indices"),
    "another task's size": (nx.DiGraph(n_inputs=6), "n_inputs=6"),
}
for label, (bad, names) in BAD_HIERARCHIES.items():
    probe(f"hierarchy_match_score(hierarchy {label})", lambda bad=bad: hierarchy_match_score(GRAPH, bad), names)
probe("make_hierarchy_scorer(...)(an unfitted classifier)",
      lambda: make_hierarchy_scorer(GRAPH)(SculptingClassifier(), X, Y), "Fit it first")
probe("make_hierarchy_scorer(...)(an int)", lambda: make_hierarchy_scorer(GRAPH)(3, X, Y), "hierarchy must be")
probe("write_graphml(path=None)", lambda: write_graphml(hierarchy(), None), "path|None")
probe("write_graphml(an int)", lambda: write_graphml(3, pathlib.Path(_tmp()) / "h.graphml"), "hierarchy must be")
probe("read_graphml(a missing file)", lambda: read_graphml(pathlib.Path(_tmp()) / "missing.graphml"), "missing")
probe("read_graphml(not GraphML)", lambda: read_graphml(file_with(b"<a>not graphml</a>", "bad.graphml")),
      "GraphML|graphml")

# --- datasets -----------------------------------------------------------------------------------

for parameter, values in {
    "name": [3, "parity", None],
    "m": [3, 0, 2.5, True, "4"],
    "overlap": [5, -1, 1.5, "2"],
    "return_X_y": ["yes", None, 1],
}.items():
    for value in values:
        name = "overlap" if parameter == "overlap" else "reused"
        arguments = {"name": name, parameter: value} if parameter != "name" else {"name": value}
        probe(f"make_boolean_task({parameter}={value!r})",
              lambda arguments=arguments: make_boolean_task(**arguments), parameter if parameter != "m" else "'m'|m must")
probe("make_boolean_task('single', m=4)", lambda: make_boolean_task("single", m=4), "does not take m")
probe("make_boolean_task('overlap') without overlap", lambda: make_boolean_task("overlap"), "needs overlap")

for parameter, values in {
    "n_inputs": [1, 21, 2.5, True, "8", None],
    "n_functions_per_level": [(), 2, (0,), (1.5,), "ab", None, [[1]]],
    "fan_in": [1, 11, (2, 2, 2), 2.5, "2", (2, True)],
    "reuse": [0, 1.5, True, None],
    "random_state": ["x", -1],
    "return_X_y": ["yes"],
}.items():
    for value in values:
        probe(f"make_random_hierarchical_task({parameter}={value!r})",
              lambda parameter=parameter, value=value: make_random_hierarchical_task(**{parameter: value}),
              parameter)
probe("make_random_hierarchical_task(8 inputs, 1 function of fan-in 2)",
      lambda: make_random_hierarchical_task(8, (1,)), "cannot cover n_inputs")

for parameter, values in {
    "task": ["sum", 3, None],
    "source": [3, None, "no-such-directory"],
    "n_samples": [1, 0, 2.5, True, "100"],
    "test_size": [0, 1, NAN, "0.2", True, None],
    "random_state": ["x"],
    "return_X_y": ["yes"],
}.items():
    for value in values:
        probe(f"load_two_digits({parameter}={value!r})",
              lambda parameter=parameter, value=value: load_two_digits(**{parameter: value}), parameter)
probe("load_two_digits(n_samples=2, test_size=0.9)", lambda: load_two_digits(n_samples=2, test_size=0.9), "test_size")
probe("load_two_digits(an empty directory)", lambda: load_two_digits(source=_tmp()), "MNIST")

IDX_HEADER = bytes([0, 0, 0x08, 1]) + struct.pack(">I", 3)
for label, make, names in [
    ("a missing file", lambda: pathlib.Path(_tmp()) / "missing-idx", "missing-idx|No such file"),
    ("None", lambda: None, "path|None|str"),
    ("an int", lambda: 3, "path|int"),
    ("an empty file", lambda: file_with(b"", "empty"), "too short"),
    ("not IDX", lambda: file_with(b"\x01\x02\x03\x04", "notidx"), "not an IDX file"),
    ("an unknown type code", lambda: file_with(bytes([0, 0, 0x07, 1]), "code"), "type code"),
    ("a truncated header", lambda: file_with(bytes([0, 0, 0x08, 2, 0, 0]), "short"), "truncated IDX header"),
    ("too few data bytes", lambda: file_with(IDX_HEADER + b"\0", "fewer"), "truncated or corrupt"),
    ("overflowing sizes", lambda: file_with(bytes([0, 0, 0x08, 3]) + b"\xff" * 12 + b"\0" * 8, "huge"),
     "truncated or corrupt"),
    ("broken gzip", lambda: file_with(b"\x1f\x8b\x08\x00garbage", "broken.gz"), "gzip"),
]:
    probe(f"read_idx({label})", lambda make=make: read_idx(make()), names)


def function_graph():
    graph = FunctionGraph(2)
    graph.add_function("g", "xor", ["x0", "x1"])
    return graph


for parameter, value in [("n_inputs", 0), ("n_inputs", -1), ("n_inputs", 1.5), ("n_inputs", True),
                         ("n_inputs", "3"), ("n_inputs", None), ("name", 3), ("name", None)]:
    arguments = {"n_inputs": 2, parameter: value}
    probe(f"FunctionGraph({parameter}={value!r})", lambda arguments=arguments: FunctionGraph(**arguments), parameter)
for label, arguments, names in [
    ("name=3", (3, "xor", ["x0", "x1"]), "name"),
    ("name=''", ("", "xor", ["x0", "x1"]), "name"),
    ("a reserved name", ("x5", "xor", ["x0", "x1"]), "x5"),
    ("a used name", ("g", "xor", ["x0", "x1"]), "already used"),
    ("an unknown op", ("h", "nope", ["x0", "x1"]), "nope"),
    ("op=3", ("h", 3, ["x0", "x1"]), "op|3"),
    ("op=None", ("h", None, ["x0", "x1"]), "op|None"),
    ("no operands", ("h", "xor", []), "operand"),
    ("a missing operand", ("h", "xor", ["x0", "zz"]), "zz"),
    ("an int operand", ("h", "xor", [3]), "operand"),
    ("a repeated operand", ("h", "xor", ["x0", "x0"]), "repeat"),
    ("a table of the wrong size", ("h", [0, 1], ["x0", "x1"]), "table|rows|entries"),
    ("a table of 2s", ("h", [0, 1, 2, 1], ["x0", "x1"]), "table|0 and 1|0/1"),
]:
    probe(f"FunctionGraph.add_function({label})",
          lambda arguments=arguments: function_graph().add_function(*arguments), names)
for label, arguments, names in [
    ("an unknown op", ("nope", ["g"]), "nope"),
    ("no operands", ("identity", []), "operand"),
    ("a missing operand", ("identity", ["zz"]), "zz"),
]:
    probe(f"FunctionGraph.add_output({label})", lambda arguments=arguments: function_graph().add_output(*arguments),
          names)
for label, bad, names in [
    ("values other than 0/1", np.full((2, 2), 2), "only 0 and 1"),
    ("3 columns", np.zeros((2, 3)), "3 columns"),
    ("NaN", np.full((2, 2), np.nan), "NaN"),
    ("1-D", np.zeros(2), "2D array"),
    ("strings", np.full((2, 2), "a"), "convert|float|0 and 1"),
]:
    probe(f"FunctionGraph.evaluate(X {label})", lambda bad=bad: _with_output().evaluate(bad), names)
probe("FunctionGraph.truth_table() without outputs", lambda: function_graph().truth_table(), "no outputs")


def _with_output():
    graph = function_graph()
    graph.add_output("identity", ["g"])
    return graph


for value in (0, -1, 1.5, True, "2", None):
    probe(f"CompleteTableSplit(n_repeats={value!r}).split",
          lambda value=value: list(CompleteTableSplit(value).split(X)), "n_repeats")
    probe(f"CompleteTableSplit(n_repeats={value!r}).get_n_splits",
          lambda value=value: CompleteTableSplit(value).get_n_splits(), "n_repeats")

# --- pruning steps ------------------------------------------------------------------------------

for label, call, names in [
    ("prune_units(target=100)", lambda: prune_units([np.ones(3)], 100), "target"),
    ("prune_units(target=NaN)", lambda: prune_units([np.ones(3)], NAN), "target"),
    ("prune_units(target=-1)", lambda: prune_units([np.ones(3)], -1), "target"),
    ("prune_units(scores with NaN)", lambda: prune_units([np.array([1.0, np.nan])], 50), "unit_scores|NaN"),
    ("prune_units(2-D scores)", lambda: prune_units([np.ones((2, 2))], 50), "unit_scores|1-D|dim"),
    ("prune_units(no scores)", lambda: prune_units([], 50), "unit_scores"),
    ("prune_edges(target=150)", lambda: prune_edges([np.ones((2, 2))], [np.ones((2, 2), bool)], 150), "target"),
    ("prune_edges(shapes that differ)",
     lambda: prune_edges([np.ones((2, 2))], [np.ones((2, 3), bool)], 50), "shape"),
    ("prune_edges(fewer masks than scores)", lambda: prune_edges([np.ones((2, 2))] * 2, [np.ones((2, 2), bool)], 50),
     "masks|edge_scores"),
    ("unit_masks(keep of the wrong width)", lambda: unit_masks(MASKS, [np.ones(5, bool)]), "keep"),
    ("unit_masks(keep per layer missing)", lambda: unit_masks(MASKS, []), "keep"),
    ("density(no masks)", lambda: density([]), "masks"),
    ("density(an int)", lambda: density(3), "masks"),
    ("loss_sensitivity(shapes that differ)", lambda: loss_sensitivity([np.ones((4, 3))], [np.ones((4, 2))]), "shape"),
    ("loss_sensitivity(layer counts that differ)", lambda: loss_sensitivity([np.ones((4, 3))], []),
     "activations|gradients"),
    ("edge_magnitude(shapes that differ)", lambda: edge_magnitude([np.ones((2, 2))], [np.ones((2, 3), bool)]),
     "shape"),
    ("run_pruning_schedule(try_target=3)", lambda: run_pruning_schedule(3, start=0, step=10, step_min=1),
     "try_target"),
    ("run_pruning_schedule(step=0)", lambda: run_pruning_schedule(bool, start=0, step=0, step_min=1), "step"),
    ("run_pruning_schedule(step_min=0)", lambda: run_pruning_schedule(bool, start=0, step=10, step_min=0),
     "step_min"),
    ("run_pruning_schedule(step=NaN)", lambda: run_pruning_schedule(bool, start=0, step=NAN, step_min=1), "step"),
]:
    probe(label, call, names)

# --- plots --------------------------------------------------------------------------------------

for label, call, names in [
    ("plot_hierarchy(an int)", lambda: _plot("plot_hierarchy", 3), "hierarchy"),
    ("plot_hierarchy(an unfitted classifier)", lambda: _plot("plot_hierarchy", SculptingClassifier()),
     "fitted|Fit"),
    ("plot_hierarchy(true_graph=3)", lambda: _plot("plot_hierarchy", hierarchy(), true_graph=3), "true_graph"),
    ("plot_hierarchy(title=3)", lambda: _plot("plot_hierarchy", hierarchy(), title=3), "title"),
    ("plot_modules(title=3)", lambda: _plot("plot_modules", fitted(), title=3), "title"),
    ("plot_hierarchy(ax='x')", lambda: _plot("plot_hierarchy", hierarchy(), ax="x"), "ax"),
    ("plot_hierarchy(two Axes for one graph)", lambda: _plot("plot_hierarchy", hierarchy(), ax=[None, None]),
     "ax"),
    ("plot_modules(an int)", lambda: _plot("plot_modules", 3), "estimator|fitted"),
    ("plot_modules(an unfitted classifier)", lambda: _plot("plot_modules", SculptingClassifier()), "fitted|Fit"),
    ("plot_modules(masks=3)", lambda: _plot("plot_modules", fitted(), masks=3), "masks|list"),
    ("plot_modules(masks of another architecture)",
     lambda: _plot("plot_modules", fitted(), masks=[np.ones((2, 2), bool)]), "architecture|layer sizes"),
    ("plot_modules(unit_labels='nonsense')", lambda: _plot("plot_modules", fitted(), unit_labels="nonsense"),
     "unit_labels"),
    ("plot_modules(ax=3)", lambda: _plot("plot_modules", fitted(), ax=3), "ax"),
    ("plot_sculpt_history(an int)", lambda: _plot("plot_sculpt_history", 3), "estimator|sculpt_history_|fitted"),
    ("plot_sculpt_history(an unfitted classifier)", lambda: _plot("plot_sculpt_history", SculptingClassifier()),
     "fitted|Fit"),
    ("plot_sculpt_history(ax=3)", lambda: _plot("plot_sculpt_history", fitted(), ax=3), "ax"),
]:
    probe(label, call, names)


def _plot(name, *args, **kwargs):
    pytest.importorskip("matplotlib")
    import sksculpt.plotting

    return getattr(sksculpt.plotting, name)(*args, **kwargs)


# --- running the probes -------------------------------------------------------------------------


def outcome(call, names):
    """``("clear", message)``, ``("internal", message)`` or ``("silent", "")``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call()
    except pytest.skip.Exception:
        raise
    except CLEAR as error:
        message = str(error)
        kind = "clear" if re.search(names, message) else "internal"
        return kind, f"{type(error).__name__}: {message}"
    except Exception as error:  # noqa: BLE001 - every other exception is what the sweep counts
        return "internal", f"{type(error).__name__}: {error}"
    return "silent", ""


@pytest.mark.parametrize("label, call, names", PROBES, ids=[label for label, _, _ in PROBES])
def test_bad_input_gets_a_clear_error(label, call, names):
    X_before, Y_before = X.copy(), Y.copy()
    kind, message = outcome(call, names)
    assert kind == "clear", f"{label}: {kind} {message}"
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)


def main():
    counts = {"clear": 0, "internal": 0, "silent": 0}
    for label, call, names in PROBES:
        try:
            kind, message = outcome(call, names)
        except pytest.skip.Exception:
            continue
        counts[kind] += 1
        if kind != "clear":
            print(f"{kind:>8}  {label}  {message[:300]}")
    print(f"{len(PROBES)} probes: {counts['clear']} clear errors, {counts['internal']} internal errors, "
          f"{counts['silent']} silent acceptances")


if __name__ == "__main__":
    sys.exit(main())
