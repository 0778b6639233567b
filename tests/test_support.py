"""How far to trust a structure: module support, the majority rule, cv=, StructureWarning."""

import hashlib
import warnings

import networkx as nx
import numpy as np
import pytest
from sklearn.datasets import load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

from sksculpt import SculptingClassifier, SculptingClassifierCV, StructureWarning
from sksculpt._records import SculptRecord, stalled_density
from sksculpt.datasets import make_boolean_task
from sksculpt.model_selection import (
    input_support,
    module_descriptions,
    module_support_table,
    select_majority,
    select_relay_free_vote,
    structure_support,
)

TASK = make_boolean_task("input_separable")
SMALL_GRID = dict(unit_prune_steps=[30, 65], edge_prune_steps=[1.5, 2.5])


def module_graph(*modules, edges=()):
    """A module graph from ``(inputs, outputs)`` pairs, nodes numbered in order."""
    graph = nx.DiGraph()
    for node, (inputs, outputs) in enumerate(modules):
        graph.add_node(node, inputs=frozenset(inputs), outputs=frozenset(outputs))
    graph.add_edges_from(edges)
    return graph


APART = module_graph(([0, 1], [0, 1]), ([2, 3], [2, 3]))
JOINED = module_graph(([0, 1, 2, 3], [0, 1, 2, 3]))
CHAIN = module_graph(([0, 1], []), ([], [0]), edges=[(0, 1)])


def results_of(seeds, hierarchies, edges=None, accurate=None, folds=None):
    n = len(seeds)
    results = dict(
        seed=np.asarray(seeds),
        accurate=np.ones(n, dtype=bool) if accurate is None else np.asarray(accurate),
        check_accuracy=np.ones(n),
        spurious_paths=np.zeros(n, dtype=int),
        edges_left=np.arange(n) + 10 if edges is None else np.asarray(edges),
        structure=np.array([" | ".join(sorted(module_descriptions(h).values())) for h in hierarchies], dtype=object),
        hierarchy=list(hierarchies),
    )
    if folds is not None:
        results["fold"] = np.asarray(folds)
    return results


def test_support_is_the_mean_share_of_each_replicates_voting_networks_holding_the_module():
    # seed 0 votes with APART and JOINED (half each), seed 1 with APART only.
    results = results_of([0, 0, 1], [APART, JOINED, APART])
    supported = structure_support(results, APART)
    assert dict(supported.nodes(data="support")) == {0: 0.75, 1: 0.75}
    assert supported.graph["n_replicates"] == 2 and supported.graph["n_networks"] == 3
    assert "support" not in APART.nodes[0]  # a copy: the input graph is left as it was
    assert structure_support(results, JOINED).nodes[0]["support"] == 0.25
    # Only the sparsest network of each seed votes with n_sparsest=1.
    assert structure_support(results, JOINED, n_sparsest=1).nodes[0]["support"] == 0.0


def test_module_edges_get_support_too():
    other = module_graph(([0, 1], []), ([], [0]))  # the same modules, not joined
    supported = structure_support(results_of([0, 1], [CHAIN, other]), CHAIN)
    assert supported.edges[0, 1]["support"] == 0.5
    # Without the edge the modules differ too: what a module sees upstream is part of it.
    assert dict(supported.nodes(data="support")) == {0: 0.5, 1: 0.5}


def test_inaccurate_networks_and_replicates_without_candidates_do_not_count():
    results = results_of([0, 1, 2], [APART, JOINED, JOINED], accurate=[True, True, False])
    supported = structure_support(results, APART)
    assert supported.graph["n_replicates"] == 2
    assert supported.nodes[0]["support"] == 0.5
    nothing = results_of([0], [APART], accurate=[False])
    assert np.isnan(structure_support(nothing, APART).nodes[0]["support"])


def test_input_support_is_the_mean_share_of_voting_networks_keeping_each_input():
    results = results_of([0, 0, 1], [APART, module_graph(([0, 1], [0, 1])), JOINED])
    assert input_support(results, 5).tolist() == [1.0, 1.0, 0.75, 0.75, 0.0]


def test_folds_are_replicates_of_their_own():
    # Seed 0 on all the data, then seed 0 on two folds: three replicates.
    results = results_of([0, 0, 0], [APART, APART, JOINED], folds=[-1, 0, 1])
    assert structure_support(results, APART).nodes[0]["support"] == pytest.approx(2 / 3)
    assert module_support_table(results)[module_descriptions(JOINED)[0]] == pytest.approx(1 / 3)


def test_majority_rule_reads_the_modules_most_replicates_find_off_a_network_of_the_user():
    # The user's sparsest network joins everything; two of three replicates keep the groups apart.
    results = results_of([0, 0, 1, 2], [JOINED, APART, APART, APART], edges=[5, 9, 6, 6])
    assert select_majority(results, n_sparsest=1) == 1
    # One vote each way but the user's: the user's sparsest network stands.
    tie = results_of([0, 0, 1], [JOINED, APART, APART], edges=[5, 9, 6])
    assert select_majority(tie, n_sparsest=1) == 0


def test_majority_rule_picks_only_rows_of_the_user_on_all_the_data():
    results = results_of([0, 0, 0], [JOINED, APART, APART], edges=[5, 9, 3], folds=[-1, -1, 0])
    assert select_majority(results) in (0, 1)
    assert select_relay_free_vote(results) in (0, 1)


@pytest.fixture(scope="module")
def two_seed_search():
    return SculptingClassifierCV(**SMALL_GRID, n_seeds=2, random_state=0).fit(TASK.data, TASK.target)


def test_cv_none_sculpts_the_same_networks_as_before_the_trust_work(two_seed_search):
    # Pinned from the search before cv=, support and the majority rule were added.
    results = two_seed_search.cv_results_
    assert results["edges_left"].tolist() == [18, 22, 28, 22, 25, 25, 20, 22]
    assert two_seed_search.best_index_ == 0
    digest = hashlib.sha1(b"".join(np.packbits(mask).tobytes() for mask in two_seed_search.masks_)).hexdigest()
    assert digest == "b2a507cc72f7387b3bfcbba5cd2b6a6eb2c36e11"
    assert "fold" not in results and "mean_test_accuracy" not in results


def test_a_search_puts_support_on_its_hierarchy_modules_and_summary(two_seed_search):
    search = two_seed_search
    expected = structure_support(search.cv_results_, search.best_estimator_.hierarchy_)
    assert dict(search.hierarchy_.nodes(data="support")) == dict(expected.nodes(data="support"))
    assert {module.id: module.support for module in search.modules_} == search.structure_support_["modules"]
    assert all(0.0 <= module.support <= 1.0 for module in search.modules_)
    assert search.structure_support_["min_support"] == min(m.support for m in search.modules_)
    assert search.structure_support_["n_replicates"] == 2
    # Every seed keeps every input of the input-separable task.
    assert search.structure_support_["inputs"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert "support" not in next(iter(search.best_estimator_.hierarchy_.nodes(data=True)))[1]


def densest_of_seed_0(cv_results):
    own = np.flatnonzero(cv_results["seed"] == 0)
    return int(own[np.argmax(cv_results["edges_left"][own])])


def test_structure_warning_names_the_weak_module_and_what_to_try():
    search = SculptingClassifierCV(**SMALL_GRID, n_seeds=2, selection=densest_of_seed_0, random_state=0)
    with pytest.warns(StructureWarning, match=r"module \d+ \(inputs .*\) is found by \d+ % of the 2 .*n_seeds"):
        search.fit(TASK.data, TASK.target)
    assert search.structure_support_["min_support"] < 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("error", StructureWarning)
        SculptingClassifierCV(**SMALL_GRID, n_seeds=2, min_support=0.0, random_state=0).fit(TASK.data, TASK.target)


def test_a_search_where_nothing_is_accurate_warns():
    with pytest.warns(ConvergenceWarning, match="No network of seed 0 kept the accuracy bar"):
        SculptingClassifierCV(hidden_layer_sizes=(2,), max_epochs=1, unit_prune_steps=[50], edge_prune_steps=[10],
                              n_seeds=1, random_state=0).fit(TASK.data, TASK.target)


@pytest.fixture(scope="module")
def wine():
    X, y = load_wine(return_X_y=True)
    return StandardScaler().fit_transform(X)[::2], y[::2]


@pytest.fixture(scope="module")
def cv_search(wine):
    X, y = wine
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        return SculptingClassifierCV(
            hidden_layer_sizes=(8,), max_epochs=3, unit_prune_steps=[40], edge_prune_steps=[5, 10], cv=3,
            accuracy_tolerance=0.05, random_state=0,
        ).fit(X, y)


def test_cv_sculpts_each_fold_and_scores_it_on_held_out_samples(cv_search, wine):
    results = cv_search.cv_results_
    # One seed by default with cv: 2 networks on all the data, then 2 per fold.
    assert results["fold"].tolist() == [-1, -1, 0, 0, 1, 1, 2, 2]
    assert np.isnan(results["test_accuracy"][:2]).all() and (results["test_accuracy"][2:] > 0.3).all()
    np.testing.assert_array_equal(results["split1_test_accuracy"][:2], results["test_accuracy"][4:6])
    np.testing.assert_allclose(
        results["mean_test_accuracy"][:2], results["test_accuracy"][2:].reshape(3, 2).mean(axis=0)
    )
    assert results["fold"][cv_search.best_index_] == -1
    assert cv_search.structure_support_["n_replicates"] <= 4
    assert cv_search.predict(wine[0]).shape == wine[1].shape


def test_cv_takes_a_splitter_and_refuses_folds_that_lose_a_class(wine):
    X, y = wine
    grid = dict(hidden_layer_sizes=(8,), max_epochs=1, unit_prune_steps=[40], edge_prune_steps=[10],
                accuracy_tolerance=0.05, min_support=0, random_state=0)
    search = SculptingClassifierCV(**grid, cv=KFold(2, shuffle=True, random_state=0)).fit(X, y)
    assert search.cv_results_["fold"].max() == 1
    order = np.argsort(y, kind="stable")
    with pytest.raises(ValueError, match=r"leaves class 0 out of the training part of fold 0.*stratified"):
        SculptingClassifierCV(**grid, cv=KFold(3)).fit(X[order], y[order])


def test_stalled_density_is_the_density_left_when_high():
    dense = SculptRecord("dense", 0.0, 1.0, True, 100, 10, 1.0)
    kept = SculptRecord("edges", 90.0, 1.0, True, 10, 5, 0.1)
    failed = SculptRecord("edges", 95.0, 0.5, False, 5, 5, 0.05)
    assert stalled_density([dense, kept, failed]) is None
    assert stalled_density([dense, failed]) == 1.0
    assert stalled_density([SculptRecord("dense", 0.0, 0.5, False, 100, 10, 1.0)]) is None  # never reached the bar


def test_a_fit_that_stalls_at_a_high_density_warns():
    # A network with barely the units the task needs: most pruning steps fail and a third of it is left.
    clf = SculptingClassifier(hidden_layer_sizes=(6,), max_epochs=20, unit_prune_step=50, edge_prune_step=20,
                              random_state=0)
    with pytest.warns(StructureWarning, match=r"stopped with 33 % of the edges left: 8 of 13 pruning steps failed"):
        clf.fit(TASK.data, TASK.target)
    assert clf.density_ > 0.25


# Hardening of the search: what a selection may return, atomic fits, sizes that cannot work.

def picks(value):
    return lambda cv_results: value


@pytest.mark.parametrize("value", [99, -5, -1, 4, 2**70, None, [0], np.array([2]), float("nan"), "sparsest", True,
                                   1.7, "1"])
def test_a_selection_returning_no_row_of_the_user_is_refused_and_leaves_the_search_unfitted(value):
    search = SculptingClassifierCV(**SMALL_GRID, n_seeds=2, random_state=0, selection=picks(value))
    with pytest.raises(ValueError, match=r"selection=.* returned .*it must .*seed 0.*rows 0 to 3"):
        search.fit(TASK.data, TASK.target)
    assert not hasattr(search, "cv_results_") and not hasattr(search, "best_index_")


def test_a_selection_gets_a_copy_and_numpy_integers_are_rows():
    def spoil(cv_results):
        cv_results.pop("seed")
        cv_results["edges_left"][:] = 0
        return np.int64(1)

    search = SculptingClassifierCV(**SMALL_GRID, n_seeds=1, random_state=0, selection=spoil).fit(TASK.data, TASK.target)
    assert search.best_index_ == 1 and "seed" in search.cv_results_ and search.cv_results_["edges_left"].all()


def test_a_failed_refit_keeps_the_fitted_search_as_it_was(two_seed_search):
    search = SculptingClassifierCV(**SMALL_GRID, n_seeds=1, random_state=0).fit(TASK.data, TASK.target)
    before = (search.cv_results_, search.best_estimator_)
    with pytest.raises(ValueError, match="selection"):
        search.set_params(selection=picks(99)).fit(TASK.data, TASK.target)
    assert (search.cv_results_, search.best_estimator_) == before


@pytest.mark.parametrize("grid, message", [
    (dict(unit_prune_steps=[[30], [60, 70]]), "unit_prune_steps"),
    (dict(unit_prune_steps=[[30, 60]]), "unit_prune_steps"),
    (dict(unit_prune_steps=np.array([[30, 60]])), "unit_prune_steps"),
    (dict(unit_prune_steps=[1e-320]), r"unit_prune_steps=1e-320 % is less than one of the 16 hidden units"),
    (dict(edge_prune_steps=[0.01]), r"edge_prune_steps=0.01 % is less than one of the 128 edges"),
])
def test_grids_that_cannot_be_sculpted_are_refused(grid, message):
    search = SculptingClassifierCV(**{**SMALL_GRID, **grid}, hidden_layer_sizes=(8, 8), n_seeds=1)
    with pytest.raises(ValueError, match=message):
        search.fit(TASK.data, TASK.target)


def test_a_step_below_one_unit_is_refused_by_a_lone_fit_too():
    with pytest.raises(ValueError, match=r"unit_prune_step=0.001 % is less than one of the 48 hidden units"):
        SculptingClassifier(unit_prune_step=0.001).fit(TASK.data, TASK.target)


@pytest.mark.parametrize("params, message", [
    (dict(n_seeds=10**6), "n_seeds"),
    (dict(memory=""), r"memory='' names no folder"),
    (dict(detector=__import__("sksculpt").ModuleDetector(merge_threshold=2)), "detector of SculptingClassifierCV"),
])
def test_search_parameters_that_cannot_work_are_refused_before_training(params, message):
    with pytest.raises(ValueError, match=message):
        SculptingClassifierCV(**SMALL_GRID, **params).fit(TASK.data, TASK.target)


def test_data_errors_name_the_search():
    X = TASK.data.astype(float)
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="SculptingClassifierCV"):
        SculptingClassifierCV(**SMALL_GRID).fit(X, TASK.target)


def test_a_voting_network_that_loses_every_path_is_no_candidate_and_the_search_goes_on():
    # A lax bar lets some networks prune every path; they are marked, not raised.
    search = SculptingClassifierCV(hidden_layer_sizes=(8, 8), max_epochs=3, unit_prune_steps=[5, 10, 20, 30, 60],
                                   edge_prune_steps=[0.5, 1, 2], n_seeds=2, accuracy_tolerance=0.05, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        search.fit(TASK.data, TASK.target)
    results = search.cv_results_
    pathless = results["n_modules"] == 0
    assert pathless.any() and not results["accurate"][pathless].any()
    assert search.modules_ and not results["seed"][search.best_index_]


@pytest.mark.parametrize("params, message", [
    (dict(unit_prune_steps={30: "a", 60: "b"}), "unit_prune_steps must be a sequence"),
    (dict(cv=[]), "yields no split"),
    (dict(cv=[(np.arange(8), np.arange(99, 100))]), r"test part of a split holds indices outside 0..15"),
    (dict(cv=[([0.5, 1.5], [2])]), "integer indices"),
    (dict(cv=[(np.arange(8),)]), r"\(train, test\) pair"),
    (dict(cv=__import__("sklearn.model_selection").model_selection.StratifiedKFold(2)), "KFold or an int"),
    (dict(cv=__import__("sklearn.model_selection").model_selection.GroupKFold(2)), "fit takes no groups"),
    (dict(selection=lambda: 0), r"selection=<lambda> failed on cv_results_: TypeError"),
    (dict(selection=__import__("sksculpt.model_selection").model_selection.select_sparsest_refit),
     "select_sparsest_refit reads GridSearchCV's"),
])
def test_search_arguments_that_cannot_work_are_named(params, message):
    with pytest.raises((ValueError, TypeError), match=message):
        SculptingClassifierCV(**{**SMALL_GRID, **params}, hidden_layer_sizes=(8, 8), max_epochs=1,
                              n_seeds=1).fit(TASK.data, TASK.target)


@pytest.mark.parametrize("call, message", [
    (lambda: select_majority(None), "cv_results_ dict"),
    (lambda: select_relay_free_vote({"seed": [0]}), r"missing"),
    (lambda: structure_support(results_of([1], [APART]), APART), "seed 0"),
    (lambda: structure_support(results_of([0], [APART]), APART, n_sparsest=0), "n_sparsest"),
    (lambda: structure_support(results_of([0], [APART]), 3), "module graph"),
    (lambda: module_descriptions(nx.DiGraph([(0, 1)])), "no 'inputs' attribute"),
    (lambda: select_relay_free_vote(dict(results_of([0], [APART]), accurate=np.array(["False"]))), "booleans"),
])
def test_rules_and_support_name_what_is_wrong_with_their_arguments(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_with_held_out_accuracy_candidates_are_within_one_standard_error_of_the_best():
    # The sparsest network's grid point is clearly worse on held-out data: the rule passes it over.
    results = results_of([0, 0, 0, 0], [JOINED, APART, JOINED, APART], edges=[5, 9, 5, 9], folds=[-1, -1, 0, 0])
    results.update(mean_test_accuracy=np.array([0.80, 0.95, 0.80, 0.95]),
                   std_test_accuracy=np.array([0.02, 0.02, 0.02, 0.02]), split0_test_accuracy=np.zeros(4))
    assert select_relay_free_vote(results) == 1
    results["mean_test_accuracy"] = np.array([0.94, 0.95, 0.94, 0.95])  # within one standard error
    assert select_relay_free_vote(results, n_sparsest=1) == 0


def test_rules_read_a_dataframe_of_cv_results_and_helpers_name_their_misuse():
    pandas = pytest.importorskip("pandas")
    results = results_of([0, 0, 1], [JOINED, APART, APART], edges=[5, 9, 6])
    frame = pandas.DataFrame({key: list(value) for key, value in results.items()})
    assert select_relay_free_vote(frame) == select_relay_free_vote(results)
    from sksculpt.model_selection import edges_left_score, select_sparsest_refit, structure_signature
    with pytest.raises(ValueError, match="relabel the seed"):
        select_relay_free_vote(results_of([1], [APART]))
    with pytest.raises(ValueError, match="select_sparsest_refit reads GridSearchCV's"):
        select_sparsest_refit(results)
    with pytest.raises(TypeError, match="edges_left_score scores a fitted SculptingClassifier"):
        edges_left_score(SculptingClassifier())
    with pytest.raises(ValueError, match="modules and hierarchy must describe one detection"):
        structure_signature([], APART)
