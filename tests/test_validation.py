"""Bad and unusual inputs: each gets a clear error before any training, or works.

One rejection test per rule. scikit-learn's ``check_param_validation`` tries a
wrong type and an out-of-range value for every constructor parameter of the
estimators, and :func:`test_functions_validate_each_parameter` does the same
for every public function that declares its parameters; the other tests here
are the rules those checks cannot see (booleans, items of a sequence, a device,
nested detector parameters, what depends on the data). Errors that validation
raises are checked with training replaced by a failure (fixture
``no_training``), so they cost nothing and prove that nothing was trained
before the error.
"""

import importlib
import pathlib
import re
import struct
import warnings

import networkx as nx
import numpy as np
import pytest
import torch
from conftest import input_separable_task
from scipy import sparse
from sklearn.model_selection import GridSearchCV
from sklearn.utils._param_validation import InvalidParameterError, generate_invalid_param_val, make_constraint
from sklearn.utils.estimator_checks import check_param_validation

import sksculpt._classifier
import sksculpt.datasets
import sksculpt.metrics
import sksculpt.model_selection
import sksculpt.plotting
import sksculpt.pruning
from sksculpt import ModuleDetector, SculptingClassifier, SculptingClassifierCV, hierarchy_match_score
from sksculpt._engine import SINGLE_THREAD_MAX_WEIGHTS
from sksculpt.datasets import load_two_digits, make_boolean_task, read_idx
from sksculpt.model_selection import CompleteTableSplit

X_SEP, Y_SEP = input_separable_task()
TINY = dict(hidden_layer_sizes=(6,), max_epochs=1, unit_prune_step=50, edge_prune_step=20, random_state=0)
FITTED_ATTRIBUTES = (
    "net_", "masks_", "sculpt_history_", "density_", "detector_", "modules_", "hierarchy_",
    "classes_", "n_outputs_", "n_features_in_",
)


@pytest.fixture
def no_training(monkeypatch):
    """Make any training fail, so a test sees only errors raised before it."""

    def train(*args, **kwargs):
        raise AssertionError("fit started training before rejecting its input")

    monkeypatch.setattr(sksculpt._classifier, "sculpt_one", train)


def fit_quietly(clf, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning of the one-epoch rounds
        return clf.fit(X, y)


# --- targets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "y, match",
    [
        (2 * Y_SEP - 1, r"0/1 indicator matrix.*values \[-1, 1\].*\(y > 0\)"),
        (np.ones_like(Y_SEP), "Every column of y is constant"),
        (np.full(len(Y_SEP), 3), "single class"),
        (np.linspace(0, 1, len(Y_SEP)), "continuous.*regressor"),
    ],
    ids=["not 0/1", "constant", "single class", "continuous"],
)
def test_targets_that_are_not_labels_or_0_1_indicators_are_rejected(no_training, y, match):
    with pytest.raises(ValueError, match=match):
        SculptingClassifier().fit(X_SEP, y)


def test_a_constant_output_column_gets_a_warning(no_training):
    y = Y_SEP.copy()
    y[:, 1] = 0
    with pytest.warns(UserWarning, match=r"Output column\(s\) \[1\] of y are constant"):
        with pytest.raises(AssertionError, match="started training"):
            SculptingClassifier().fit(X_SEP, y)


def test_a_class_too_rare_to_stratify_is_named_as_the_user_wrote_it(no_training):
    labels = np.array(["a", "b"] * 8, dtype=object)
    labels[0] = "rare"
    with pytest.raises(ValueError, match=r"validation_fraction=0.25 .* class\(es\) \['rare'\] have 1"):
        SculptingClassifier(validation_fraction=0.25).fit(X_SEP, labels)


def test_sparse_multilabel_targets_work_like_dense_ones():
    dense = fit_quietly(SculptingClassifier(**TINY), X_SEP, Y_SEP)
    from_sparse = fit_quietly(SculptingClassifier(**TINY), X_SEP, sparse.csr_matrix(Y_SEP))
    for a, b in zip(dense.masks_, from_sparse.masks_):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(from_sparse.predict(X_SEP), dense.predict(X_SEP))


def test_arrays_with_negative_strides_work():
    X, y = X_SEP.astype(np.float32)[::-1], Y_SEP[::-1]
    clf = fit_quietly(SculptingClassifier(**TINY), X, y)
    assert clf.predict(X[::-1]).shape == y.shape
    assert clf.predict_proba(X).shape == y.shape


# --- hyper-parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "estimator", [SculptingClassifier(**TINY), SculptingClassifierCV(), ModuleDetector()], ids=type
)
def test_estimators_pass_sklearns_parameter_validation_check(no_training, estimator):
    # Fits with a wrong type and one invalid value per constraint, generated from _parameter_constraints.
    check_param_validation(type(estimator).__name__, estimator)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"batch_size": True}, r"'batch_size' parameter .* an int in the range \[1, inf\). Got True"),
        ({"hidden_layer_sizes": ()}, r"hidden_layer_sizes must hold at least one width"),
        ({"hidden_layer_sizes": (4, 2.5)}, r"'hidden_layer_sizes\[1\]' parameter .* Got 2.5"),
        ({"device": "nonsense"}, r"device='nonsense' is not a torch device; pass e.g. 'cpu'"),
        ({"device": "meta"}, r"device='meta': sksculpt trains on 'cpu', 'cuda' or 'mps'"),
        ({"detector": ModuleDetector(merge_threshold=2)}, r"detector of SculptingClassifier .* 'merge_threshold'"),
        ({"validation_fraction": 0.99}, r"Cannot hold out validation_fraction=0.99 of 16 samples"),
    ],
    ids=["a bool for an int", "no hidden layer", "a width that is no int", "no torch device",
         "a device sksculpt cannot train on", "a bad detector", "a hold-out of no rows"],
)
def test_rules_the_parameter_check_cannot_see_are_enforced_before_training(no_training, params, match):
    with pytest.raises(ValueError, match=match):
        SculptingClassifier(**params).fit(X_SEP, Y_SEP)


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_a_cuda_device_on_a_machine_without_cuda_is_rejected_before_training(no_training):
    with pytest.raises(ValueError, match=r"device='cuda' but this machine has 0 CUDA device.*device='cpu'"):
        SculptingClassifier(device="cuda").fit(X_SEP, Y_SEP)


def test_a_path_object_is_a_memory_location(tmp_path):
    clf = fit_quietly(SculptingClassifier(**TINY, memory=tmp_path / "cache"), X_SEP, Y_SEP)
    assert list((tmp_path / "cache").rglob("output.pkl"))
    assert clf.score(X_SEP, Y_SEP) >= 0


def test_nested_detector_parameters_work_with_the_default_detector():
    clf = SculptingClassifier(**TINY)
    clf.set_params(detector__merge_threshold=0.6)
    assert clf.get_params()["detector__merge_threshold"] == 0.6
    search = GridSearchCV(
        SculptingClassifier(**TINY), {"detector__merge_threshold": [0.6, 0.9]}, cv=CompleteTableSplit()
    )
    fit_quietly(search, X_SEP, Y_SEP)
    assert search.best_estimator_.detector_.merge_threshold in (0.6, 0.9)


@pytest.mark.parametrize("threshold", [0.1, 0.5])
def test_a_threshold_a_constant_net_reaches_gets_an_error_naming_it(threshold):
    clf = SculptingClassifier(**{**TINY, "max_epochs": 2}, accuracy_threshold=threshold)
    with pytest.raises(ValueError, match=rf"accuracy_threshold={threshold}.*no path.*Raise accuracy_threshold"):
        fit_quietly(clf, X_SEP, Y_SEP)
    assert not any(hasattr(clf, name) for name in FITTED_ATTRIBUTES)


# --- fitted attributes appear only when fit succeeds ---------------------------------------------


def failing_detector_fit(self, X, y=None):
    raise RuntimeError("detection failed")


def test_a_failed_fit_leaves_no_fitted_attribute(monkeypatch):
    monkeypatch.setattr(ModuleDetector, "fit", failing_detector_fit)
    clf = SculptingClassifier(**TINY)
    with pytest.raises(RuntimeError, match="detection failed"):
        fit_quietly(clf, X_SEP, Y_SEP)
    assert not any(hasattr(clf, name) for name in FITTED_ATTRIBUTES)


def test_an_interrupted_fit_leaves_no_fitted_attribute(monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sksculpt._classifier, "sculpt_one", interrupt)
    clf = SculptingClassifier(**TINY)
    with pytest.raises(KeyboardInterrupt):
        clf.fit(X_SEP, Y_SEP)
    assert not any(hasattr(clf, name) for name in FITTED_ATTRIBUTES)


def test_a_failed_refit_keeps_the_previous_fit_whole(monkeypatch):
    clf = fit_quietly(SculptingClassifier(**TINY), X_SEP, Y_SEP)
    before = {name: getattr(clf, name) for name in FITTED_ATTRIBUTES}
    monkeypatch.setattr(ModuleDetector, "fit", failing_detector_fit)
    with pytest.raises(RuntimeError, match="detection failed"):
        # Part of the table, so the paper's bar is set: the paired test of sampled data would prune every path.
        fit_quietly(clf.set_params(random_state=1, accuracy_threshold=1.0), X_SEP[:, :3], Y_SEP[:, :2])
    assert all(getattr(clf, name) is value for name, value in before.items())
    assert clf.n_features_in_ == 4


# --- reproducibility ----------------------------------------------------------------------------


def test_small_nets_give_the_same_masks_whatever_the_torch_thread_count():
    widths = [X_SEP.shape[1], *TINY["hidden_layer_sizes"], Y_SEP.shape[1]]
    assert sum(a * b for a, b in zip(widths[:-1], widths[1:])) <= SINGLE_THREAD_MAX_WEIGHTS
    previous = torch.get_num_threads()
    masks = []
    try:
        for n_threads in (1, 2):
            torch.set_num_threads(n_threads)
            masks.append(fit_quietly(SculptingClassifier(**TINY), X_SEP, Y_SEP).masks_)
    finally:
        torch.set_num_threads(previous)
    for a, b in zip(*masks):
        np.testing.assert_array_equal(a, b)


# --- public functions ---------------------------------------------------------------------------


def _masks():
    return [np.ones((4, 3), bool), np.ones((3, 4), bool)]


def _fitted_detector():
    return ModuleDetector().fit(_masks())


#: Each public function that declares its parameters with ``validate_params``, and valid required arguments.
FUNCTIONS = {
    "hierarchy_match_score": lambda: (sksculpt.hierarchy_match_score,
                                      dict(true_graph=make_boolean_task("input_separable").graph,
                                           hierarchy=_fitted_detector().hierarchy_)),
    "make_hierarchy_scorer": lambda: (sksculpt.make_hierarchy_scorer,
                                      dict(true_graph=make_boolean_task("input_separable").graph)),
    "expected_module_graph": lambda: (sksculpt.metrics.expected_module_graph,
                                      dict(true_graph=make_boolean_task("input_separable").graph)),
    "FunctionGraph": lambda: (sksculpt.datasets.FunctionGraph, dict(n_inputs=2)),
    "load_two_digits": lambda: (sksculpt.datasets.load_two_digits, {}),
    "make_boolean_task": lambda: (make_boolean_task, dict(name="single")),
    "make_random_hierarchical_task": lambda: (sksculpt.datasets.make_random_hierarchical_task, {}),
    "output_dependence": lambda: (sksculpt.model_selection.output_dependence,
                                  dict(decide=lambda X: X, X=np.zeros((4, 2)))),
    "reachable_outputs": lambda: (sksculpt.model_selection.reachable_outputs,
                                  dict(hierarchy=_fitted_detector().hierarchy_, n_features=4, n_outputs=4)),
    "acceptance_threshold": lambda: (sksculpt.pruning.acceptance_threshold, dict(dense_accuracy=0.9)),
    "density": lambda: (sksculpt.pruning.density, dict(masks=_masks())),
    "prune_edges": lambda: (sksculpt.pruning.prune_edges,
                            dict(edge_scores=[np.ones((4, 3)), np.ones((3, 4))], masks=_masks(), target=50)),
    "prune_units": lambda: (sksculpt.pruning.prune_units, dict(unit_scores=[np.ones(3)], target=50)),
    "run_pruning_schedule": lambda: (sksculpt.pruning.run_pruning_schedule,
                                     dict(try_target=bool, start=0, step=10, step_min=1)),
    "plot_hierarchy": lambda: (sksculpt.plotting.plot_hierarchy, dict(hierarchy=_fitted_detector().hierarchy_)),
    "plot_input_modules": lambda: (sksculpt.plotting.plot_input_modules,
                                   dict(estimator=_fitted_detector(), image_shape=(2, 2))),
    "plot_modules": lambda: (sksculpt.plotting.plot_modules, dict(estimator=_fitted_detector())),
}


def declared_functions():
    """Every public callable of sksculpt's subpackages that declares its parameters."""
    found = set()
    for package in ("sksculpt", *(f"sksculpt.{name}" for name in
                                  ("datasets", "detection", "metrics", "model_selection", "pruning", "plotting"))):
        module = importlib.import_module(package)
        for name in module.__all__:
            member = getattr(module, name)
            if getattr(member, "_skl_parameter_constraints", None) or getattr(
                getattr(member, "__init__", None), "_skl_parameter_constraints", None
            ):
                found.add(name)
    return found


def test_every_function_that_declares_its_parameters_is_checked():
    assert declared_functions() == set(FUNCTIONS)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_functions_validate_each_parameter(name):
    """As scikit-learn's own test of its public functions: a wrong type, then an invalid value per constraint."""
    function, required = FUNCTIONS[name]()
    declared = function.__init__ if isinstance(function, type) else function
    constraints = declared._skl_parameter_constraints
    checked = [parameter for parameter, constraint in constraints.items() if constraint != "no_validation"]
    assert checked, f"{name} declares no checked parameter"
    for parameter in checked:
        match = rf"The '{parameter}' parameter of {re.escape(declared.__qualname__)} must be .* Got .* instead"
        with pytest.raises(InvalidParameterError, match=match):
            function(**{**required, parameter: type("BadType", (), {})()})
        for constraint in map(make_constraint, constraints[parameter]):
            try:
                bad_value = generate_invalid_param_val(constraint)
            except NotImplementedError:
                continue
            with pytest.raises(InvalidParameterError, match=match):
                function(**{**required, parameter: bad_value})


def test_plots_name_an_ax_that_is_no_matplotlib_axes():
    pytest.importorskip("matplotlib")
    with pytest.raises(TypeError, match=r"ax of plot_hierarchy must be a matplotlib Axes .*got str"):
        sksculpt.plotting.plot_hierarchy(_fitted_detector().hierarchy_, ax="x")


# --- datasets, metrics, splitters ---------------------------------------------------------------


def test_read_idx_rejects_header_sizes_whose_product_overflows(tmp_path):
    path = tmp_path / "huge-idx3-ubyte"
    path.write_bytes(bytes([0, 0, 0x08, 3]) + struct.pack(">3I", 2**32 - 1, 2**32 - 1, 2**32 - 1) + b"\0" * 8)
    with pytest.raises(ValueError, match=r"declares shape \(4294967295, .*the file holds 8 data bytes"):
        read_idx(path)


def write_idx(path, array):
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def test_load_two_digits_names_the_digits_the_source_lacks(tmp_path):
    write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((6, 4, 4)))
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.array([0, 1, 2, 0, 1, 2]))
    with pytest.raises(ValueError, match=r"needs images of the digits \[0, 1, .*holds none of \[3, 4, 5, 6, 7\]"):
        load_two_digits("xor", source=tmp_path)


def test_multidigraphs_get_a_type_error_naming_the_conversion():
    graph = make_boolean_task("input_separable").graph
    with pytest.raises(TypeError, match=r"hierarchy is a networkx.MultiDiGraph.*networkx.DiGraph\(hierarchy\)"):
        hierarchy_match_score(graph, nx.MultiDiGraph())
    with pytest.raises(TypeError, match=r"networkx.DiGraph\(true_graph\)"):
        hierarchy_match_score(nx.MultiDiGraph(graph), nx.DiGraph())


def test_swapped_score_arguments_get_a_hint():
    detected = ModuleDetector().fit([np.eye(4, dtype=bool), np.eye(4, dtype=bool)]).hierarchy_
    with pytest.raises(ValueError, match=r"looks like a module graph.*hierarchy_match_score\(task.graph, clf\)"):
        hierarchy_match_score(detected, make_boolean_task("input_separable").graph)


@pytest.mark.parametrize("n_repeats", [0, 1.5, True], ids=["out of range", "no int", "a bool"])
def test_complete_table_split_rejects_bad_repeats_in_every_method(n_repeats):
    splitter = CompleteTableSplit(n_repeats=n_repeats)
    for call in (splitter.get_n_splits, lambda: list(splitter.split(X_SEP))):
        with pytest.raises(InvalidParameterError, match=r"'n_repeats' parameter of CompleteTableSplit"):
            call()


def test_paths_are_accepted_wherever_a_folder_is(tmp_path):
    with pytest.raises(FileNotFoundError, match="Put the MNIST training files there"):
        load_two_digits(source=pathlib.Path(tmp_path))
