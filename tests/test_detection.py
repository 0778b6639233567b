"""Tests of the ModuleDetector estimator on hand-built masks whose modules are known."""

import gzip
import io
import pickle

import networkx as nx
import numpy as np
import pytest
import scipy.sparse
from scipy.linalg import block_diag
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from sksculpt.detection import Module, ModuleDetector, read_graphml, write_graphml


def _blocks(*shapes):
    """Block-diagonal boolean mask with all-True blocks of the given shapes."""
    return block_diag(*[np.ones(shape, dtype=bool) for shape in shapes]).astype(bool)


def _reads(n_groups, group_size, outputs):
    """Mask from groups of hidden units to outputs; outputs[j] = groups output j reads."""
    mask = np.zeros((n_groups * group_size, len(outputs)), dtype=bool)
    for output, groups in enumerate(outputs):
        for group in groups:
            mask[group * group_size : (group + 1) * group_size, output] = True
    return mask


def _summary(detector):
    return [(sorted(m.inputs), sorted(m.outputs)) for m in detector.modules_]


@pytest.fixture
def disjoint_masks():
    """Inputs 0,1 -> hidden 0,1 -> output 0; inputs 2,3 -> hidden 2,3 -> output 1."""
    return [_blocks((2, 2), (2, 2)), _blocks((2, 1), (2, 1))]


@pytest.fixture
def separable_reused_masks():
    """Input pairs feed hidden groups A, B, C; outputs read A+B, A+C, B+C."""
    return [_blocks((2, 2), (2, 2), (2, 2)), _reads(3, 2, [(0, 1), (0, 2), (1, 2)])]


# --- detected structure ------------------------------------------------------


def test_two_disjoint_subnetworks_give_two_modules(disjoint_masks):
    detector = ModuleDetector().fit(disjoint_masks)
    assert _summary(detector) == [([0, 1], [0]), ([2, 3], [1])]
    assert [labels.tolist() for labels in detector.labels_] == [[0, 0, 1, 1], [0, 0, 1, 1], [0, 1]]
    assert detector.modules_[1] == Module(
        id=1,
        units={0: (2, 3), 1: (2, 3), 2: (1,)},
        inputs=frozenset({2, 3}),
        outputs=frozenset({1}),
    )
    assert detector.hierarchy_.number_of_edges() == 0
    assert detector.n_layers_ == 3
    assert detector.layer_sizes_ == (4, 4, 2)


def test_dense_network_is_one_module():
    detector = ModuleDetector().fit([np.ones((4, 5), bool), np.ones((5, 3), bool)])
    assert _summary(detector) == [([0, 1, 2, 3], [0, 1, 2])]
    assert all((labels == 0).all() for labels in detector.labels_)


def test_separable_and_reused_subfunctions(separable_reused_masks):
    detector = ModuleDetector().fit(separable_reused_masks)
    assert _summary(detector) == [
        ([0, 1], []),
        ([2, 3], []),
        ([4, 5], []),
        ([], [0]),
        ([], [1]),
        ([], [2]),
    ]
    assert [m.units.get(1) for m in detector.modules_[:3]] == [(0, 1), (2, 3), (4, 5)]
    graph = detector.hierarchy_
    assert sorted(graph.edges(data="weight")) == [
        (0, 3, 2), (0, 4, 2), (1, 3, 2), (1, 5, 2), (2, 4, 2), (2, 5, 2)
    ]
    assert all(graph.in_degree(output) == 2 for output in (3, 4, 5))


def test_deep_chains_merge_across_all_layers():
    chain = _blocks((2, 2), (2, 2))
    masks = [chain, chain, chain, _blocks((2, 1), (2, 1))]
    detector = ModuleDetector().fit(masks)
    assert _summary(detector) == [([0, 1], [0]), ([2, 3], [1])]
    assert all(module.layers == (0, 1, 2, 3, 4) for module in detector.modules_)


def test_chain_not_joined_when_shares_are_not_above_tau():
    # inputs 0-2 (module A) feed hidden 0-1 (6 edges); input 5 of module B adds a
    # 7th edge into them: A's share of what hidden 0-1 receive is 6/7 = 0.857
    first = np.zeros((6, 4), bool)
    first[:3, :2] = True
    first[3:, 2:] = True
    first[5, 0] = True
    masks = [first, _blocks((2, 1), (2, 1))]
    strict = ModuleDetector(merge_threshold=0.9).fit(masks)
    assert [labels.tolist() for labels in strict.labels_] == [
        [0, 0, 0, 1, 1, 1], [2, 2, 3, 3], [2, 3]
    ]
    loose = ModuleDetector(merge_threshold=0.85).fit(masks)
    assert _summary(loose) == [([0, 1, 2], [0]), ([3, 4, 5], [1])]


def test_removed_units_are_labelled_minus_one_and_left_out():
    masks = [_blocks((2, 2), (2, 2)), _blocks((2, 1), (2, 1))]
    masks[0] = np.vstack([masks[0], np.zeros((1, 4), bool)])  # input 4: no edge
    masks[0] = np.hstack([masks[0], np.ones((5, 1), bool)])  # hidden 4: no way out
    masks[1] = np.vstack([masks[1], np.zeros((1, 2), bool)])
    detector = ModuleDetector().fit(masks)
    assert detector.labels_[0][4] == -1
    assert detector.labels_[1][4] == -1
    assert _summary(detector) == [([0, 1], [0]), ([2, 3], [1])]


def test_output_without_edges_is_its_own_module(disjoint_masks):
    masks = [disjoint_masks[0], np.hstack([disjoint_masks[1], np.zeros((4, 1), bool)])]
    detector = ModuleDetector().fit(masks)
    assert _summary(detector)[-1] == ([], [2])


def test_step_size_beyond_the_outputs_equals_the_default(separable_reused_masks):
    default = ModuleDetector().fit(separable_reused_masks)
    long = ModuleDetector(step_size=7).fit(separable_reused_masks)
    assert _summary(long) == _summary(default)


# --- input handling ------------------------------------------------------------


def test_accepts_integer_masks_and_fitted_objects(disjoint_masks):
    class Fitted:
        masks_ = disjoint_masks

    expected = _summary(ModuleDetector().fit(disjoint_masks))
    assert _summary(ModuleDetector().fit(Fitted())) == expected
    as_int = [mask.astype(np.int64) for mask in disjoint_masks]
    assert _summary(ModuleDetector().fit(as_int)) == expected


def test_caller_arrays_are_not_modified(separable_reused_masks):
    masks = [mask.astype(np.int8) for mask in separable_reused_masks]
    masks[0][0, 5] = 1  # a stray edge, so that the clean-up has nothing to do but merging does
    masks.append(np.zeros((3, 1), np.int8))  # an edgeless output layer gets cleaned
    masks[-1][0, 0] = 1
    before = [mask.copy() for mask in masks]
    detector = ModuleDetector().fit(masks)
    detector.transform(masks)
    detector.fit_transform(masks)
    for mask, original in zip(masks, before):
        assert mask.dtype == original.dtype
        np.testing.assert_array_equal(mask, original)


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        ([], ValueError, "empty list"),
        (np.ones((3, 3), bool), TypeError, "list of 2-D boolean masks"),
        ([np.ones(3, bool)], ValueError, "must be 2-D"),
        ([np.ones((0, 3), bool)], ValueError, "at least one unit"),
        ([np.full((2, 2), 0.5)], ValueError, "holds the value 0.5"),
        ([np.full((2, 2), 2)], ValueError, "holds the value 2"),
        ([np.array([[np.nan, 1.0]])], ValueError, "holds the value nan"),
        ([np.full((2, 2), "1")], TypeError, "dtype"),
        ([np.ones((2, 3), bool), np.ones((4, 1), bool)], ValueError, "consecutive shapes"),
        ([np.zeros((2, 3), bool), np.ones((3, 1), bool)], ValueError, "No path"),
        ([np.eye(2, dtype=bool), np.array([[0], [0]], bool)], ValueError, "No path"),
    ],
)
def test_bad_masks_are_rejected_with_a_clear_message(X, error, match):
    with pytest.raises(error, match=match):
        ModuleDetector().fit(X)




# --- transform -----------------------------------------------------------------


def test_transform_counts_edges_between_modules(separable_reused_masks):
    detector = ModuleDetector()
    counts = detector.fit_transform(separable_reused_masks)
    refitted = detector.fit(separable_reused_masks)
    np.testing.assert_array_equal(counts, refitted.transform(separable_reused_masks))
    assert counts.shape == (6, 6)
    assert counts.dtype.kind == "i"
    np.testing.assert_array_equal(np.diag(counts), [4, 4, 4, 0, 0, 0])
    weights = nx.to_numpy_array(detector.hierarchy_, nodelist=range(6), weight="weight", dtype=int)
    off_diagonal = ~np.eye(6, dtype=bool)
    np.testing.assert_array_equal(counts[off_diagonal], weights[off_diagonal])
    assert counts.sum() == sum(mask.sum() for mask in separable_reused_masks)


def test_transform_projects_other_connectivity_and_ignores_removed_units(disjoint_masks):
    masks = [np.vstack([disjoint_masks[0], np.zeros((1, 4), bool)]), disjoint_masks[1]]
    detector = ModuleDetector().fit(masks)  # input 4 is removed
    other = [np.ones((5, 4), bool), np.ones((4, 2), bool)]
    counts = detector.transform(other)
    # inputs 0-3 (two per module) to hidden 0-3 (two per module): 4 edges per pair
    # of modules; hidden to outputs (one per module): 2 edges per pair; input 4 ignored
    np.testing.assert_array_equal(counts, [[6, 6], [6, 6]])


def test_transform_checks_fit_and_architecture(disjoint_masks):
    with pytest.raises(NotFittedError):
        ModuleDetector().transform(disjoint_masks)
    detector = ModuleDetector().fit(disjoint_masks)
    with pytest.raises(ValueError, match="same architecture"):
        detector.transform([np.ones((4, 4), bool), np.ones((4, 3), bool)])


# --- exports and the scikit-learn contract --------------------------------------


def test_hierarchy_holds_index_sets_and_round_trips_through_graphml(tmp_path, separable_reused_masks):
    graph = ModuleDetector().fit(separable_reused_masks).hierarchy_
    assert graph.graph == {"n_inputs": 6, "n_outputs": 3}
    assert graph.nodes[0] == {
        "inputs": frozenset({0, 1}),
        "outputs": frozenset(),
        "layers": (0, 1),
        "units": {0: (0, 1), 1: (0, 1)},
        "n_units": 4,
    }
    assert graph.nodes[0]["inputs"] | graph.nodes[1]["inputs"] == {0, 1, 2, 3}
    path = tmp_path / "hierarchy.graphml"
    write_graphml(graph, path)
    read = read_graphml(path)
    assert nx.utils.graphs_equal(read, graph)
    assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(read.edges(data="weight")) == sorted(graph.edges(data="weight"))
    assert "0:0,1;1:0,1" in path.read_text()


def test_write_graphml_reads_a_fitted_detector_and_rejects_other_objects(tmp_path, separable_reused_masks):
    detector = ModuleDetector().fit(separable_reused_masks)
    write_graphml(detector, tmp_path / "h.graphml")
    assert nx.utils.graphs_equal(read_graphml(tmp_path / "h.graphml"), detector.hierarchy_)
    with pytest.raises(TypeError, match="module graph .*or a fitted estimator"):
        write_graphml([1, 2], tmp_path / "bad.graphml")


def _graphml_file(tmp_path, body, keys=(), edgedefault="directed"):
    """A GraphML file with the given ``<key>`` elements and graph body."""
    declared = "".join(
        f'<key id="{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>'
        for scope, name, kind in keys
    )
    path = tmp_path / "modules.graphml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{declared}'
        f'<graph edgedefault="{edgedefault}">{body}</graph></graphml>'
    )
    return path


INPUTS_KEY = ("node", "inputs", "string")


@pytest.mark.parametrize(
    "body, keys, edgedefault, message",
    [
        ('<node id="a"/>', (), "directed", "node id 'a', which is not an integer"),
        ('<node id="1.5"/>', (), "directed", "node id '1.5', which is not an integer"),
        ('<node id="0"><data key="inputs">a,b</data></node>', (INPUTS_KEY,), "directed",
         "attribute 'inputs' of node 0 is the text 'a,b'; it must be text holding integer column"),
        ('<node id="0"><data key="units">0:1:2</data></node>', (("node", "units", "string"),),
         "directed", "attribute 'units' of node 0 is the text '0:1:2'"),
        ('<node id="0"><data key="units">x:1</data></node>', (("node", "units", "string"),),
         "directed", "attribute 'units' of node 0 is the text 'x:1'"),
        ('<node id="0"><data key="inputs">3</data></node>', (("node", "inputs", "int"),), "directed",
         "attribute 'inputs' of node 0 is typed int in the file"),
        ('<node id="0"><data key="inputs">3</data></node>', (("node", "inputs", "double"),),
         "directed", "attribute 'inputs' of node 0 is typed float in the file"),
        ('<node id="0"/><node id="1"/><edge source="0" target="1"/>', (), "undirected",
         "undirected graph; a module graph is directed"),
        ('<node id="0"/><node id="1"/><edge source="0" target="1"/><edge source="0" target="1"/>',
         (), "directed", "2 edges from node 0 to node 1; a module graph has at most one edge"),
        ('<node id="0"><data key="inputs">1</data></node><node id="0"/>', (INPUTS_KEY,), "directed",
         "declares node 0 twice"),
        ('<node id="0"/><edge source="0" target="5"/>', (), "directed",
         "no <node> element declares node '5'"),
        ('<node id="0"><data key="support">1.5</data></node>', (("node", "support", "double"),),
         "directed", r"'support' of module 0 must be a number in \[0, 1\]"),
        ('<node id="0"/><node id="1"/><edge source="0" target="1"><data key="support">0.5</data>'
         "</edge>", (("edge", "support", "string"),), "directed",
         r"'support' of edge 0 -> 1 must be a number in \[0, 1\].*got '0.5'"),
    ],
)
def test_read_graphml_names_the_file_and_what_is_wrong(tmp_path, body, keys, edgedefault, message):
    path = _graphml_file(tmp_path, body, keys, edgedefault)
    with pytest.raises(ValueError, match=message) as caught:
        read_graphml(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("path", [None, 3])
def test_read_graphml_refuses_a_path_that_is_no_file(path):
    with pytest.raises(TypeError, match="path must be a file name .* or an open file"):
        read_graphml(path)


def test_read_graphml_names_a_missing_file_and_one_that_is_not_graphml(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.graphml"):
        read_graphml(tmp_path / "missing.graphml")
    (tmp_path / "other.graphml").write_bytes(b"<a>not graphml</a>")
    with pytest.raises(ValueError, match=r"other.graphml is not a GraphML module graph"):
        read_graphml(tmp_path / "other.graphml")


def _one_module(**attributes):
    graph = nx.DiGraph()
    graph.add_node(0, **{"inputs": {0}, "outputs": {0}, **attributes})
    return graph


@pytest.mark.parametrize(
    "graph, message",
    [
        (_one_module(inputs={"a"}), "'inputs' of module 0 is {'a'}, which read_graphml could not read"),
        (_one_module(inputs={1.0}), "'inputs' of module 0 is {1.0}"),
        (_one_module(outputs="0,1"), "'outputs' of module 0 is '0,1'"),
        (_one_module(units={0: ("a",)}), "'units' of module 0 is"),
        (_one_module(support=1.5), r"'support' of module 0 must be a number in \[0, 1\]"),
        (nx.relabel_nodes(_one_module(), {0: "a"}), "Node 'a' of hierarchy is not an integer"),
        (_one_module(color=[1, 2]), r"'color' of module 0 is \[1, 2\] \(list\); GraphML holds only strings"),
        (nx.DiGraph(_one_module(), n_inputs=None), r"'n_inputs' of the graph is None \(NoneType\)"),
    ],
)
def test_write_graphml_refuses_what_read_graphml_could_not_read_back(tmp_path, graph, message):
    path = tmp_path / "modules.graphml"
    with pytest.raises(ValueError, match=message):
        write_graphml(graph, path)
    assert not path.exists()


@pytest.mark.parametrize(
    "path, message",
    [
        (None, "path must be a file name .* or a file open in binary mode; got NoneType"),
        (3, "path must be a file name .* or a file open in binary mode; got int"),
        (io.StringIO(), r"path is a file open in text mode; .* open it in binary mode"),
    ],
    ids=["None", "file descriptor", "text file"],
)
def test_write_graphml_refuses_a_path_it_cannot_write_bytes_to(path, message):
    with pytest.raises(TypeError, match=message):
        write_graphml(_one_module(), path)


@pytest.mark.parametrize(
    "name, content",
    [("h.graphml.gz", b"<graphml/>"), ("h.graphml.gz", gzip.compress(b"<graphml/>")[:12]),
     ("h.graphml.bz2", b"junk")],
    ids=["plain text", "truncated gzip", "bz2 junk"],
)
def test_read_graphml_names_a_file_that_does_not_decompress(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f"{name} cannot be decompressed: it is damaged"):
        read_graphml(path)


def test_read_graphml_refuses_a_file_of_two_graphs(tmp_path):
    path = _graphml_file(tmp_path, '<node id="0"/></graph><graph edgedefault="directed"><node id="1"/>')
    with pytest.raises(ValueError, match="holds 2 <graph> elements; a module graph file holds one"):
        read_graphml(path)


def test_support_of_modules_and_edges_round_trips_as_a_double(tmp_path):
    graph = nx.DiGraph(n_inputs=2, n_outputs=1)
    graph.add_node(0, inputs=frozenset({0, 1}), outputs=frozenset(), support=np.float32(0.75))
    graph.add_node(1, inputs=frozenset(), outputs=frozenset({0}), support=1)
    graph.add_node(2, inputs=frozenset(), outputs=frozenset(), support=None)
    graph.add_edge(0, 1, weight=3, support=0.5)
    graph.add_edge(1, 2, weight=1, support=float("nan"))
    path = tmp_path / "supported.graphml"
    write_graphml(graph, path)
    read = read_graphml(path)
    supports = dict(read.nodes(data="support"))
    assert supports == {0: 0.75, 1: 1.0, 2: None}
    assert all(type(supports[node]) is float for node in (0, 1))
    assert read.edges[0, 1] == {"weight": 3, "support": 0.5}
    assert type(read.edges[0, 1]["support"]) is float and np.isnan(read.edges[1, 2]["support"])
    text = path.read_text()
    for scope in ("node", "edge"):
        assert f'for="{scope}" attr.name="support" attr.type="double"' in text


def test_sparse_masks_are_detected_like_dense_ones(disjoint_masks):
    sparse_masks = [scipy.sparse.csr_matrix(disjoint_masks[0]), scipy.sparse.coo_array(disjoint_masks[1])]
    detector = ModuleDetector().fit(sparse_masks)
    dense = ModuleDetector().fit(disjoint_masks)
    assert detector.modules_ == dense.modules_
    np.testing.assert_array_equal(detector.transform(sparse_masks), dense.transform(disjoint_masks))


def test_clone_get_params_set_params_and_pickle(disjoint_masks):
    detector = ModuleDetector(step_size=2, merge_threshold=0.6, mm_threshold=0.3)
    assert detector.get_params() == {"step_size": 2, "merge_threshold": 0.6, "mm_threshold": 0.3}
    copy = clone(detector)
    assert copy is not detector and copy.get_params() == detector.get_params()
    assert copy.set_params(merge_threshold=0.8).merge_threshold == 0.8
    fitted = detector.fit(disjoint_masks)
    restored = pickle.loads(pickle.dumps(fitted))
    assert restored.modules_ == fitted.modules_
    np.testing.assert_array_equal(
        restored.transform(disjoint_masks), fitted.transform(disjoint_masks)
    )


def test_modules_are_hashable_and_frozen(disjoint_masks):
    module = ModuleDetector().fit(disjoint_masks).modules_[0]
    assert module in {module}
    with pytest.raises(AttributeError):
        module.id = 5
