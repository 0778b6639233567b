"""Digit pairs side by side, from scikit-learn's digits or MNIST IDX files."""

import gzip
import math
import socket
import struct
import urllib.request

import numpy as np
import pytest
from sklearn.datasets import load_digits

from sksculpt.datasets import load_two_digits, make_boolean_task
from sksculpt.datasets._single_digits import load_mnist_directory


@pytest.fixture(scope="module")
def sklearn_digits():
    """Label of every scikit-learn digit image, keyed by its pixels scaled to [0, 1]."""
    digits = load_digits()
    return {
        (image / 16.0).astype(np.float32).tobytes(): label
        for image, label in zip(digits.images, digits.target, strict=True)
    }


def halves(row, images_shape):
    image = row.reshape(images_shape)
    width = images_shape[1] // 2
    return image[:, :width], image[:, width:]


def expected_target(task, a, b):
    if task == "two_digits":
        return [int(k == a) for k in range(10)] + [int(k == b) for k in range(10)]
    return [int(bit) for bit in format(a ^ b, "03b")]


@pytest.mark.parametrize("task, n_outputs", [("two_digits", 20), ("xor", 3)])
def test_targets_match_the_labels_of_the_shown_digits(sklearn_digits, task, n_outputs):
    data = load_two_digits(task, n_samples=200, random_state=1)
    assert data.images_shape == (8, 16)
    assert data.data.shape == (150, 128) and data.data_test.shape == (50, 128)
    assert data.target.shape == (150, n_outputs) and data.target_test.shape == (50, n_outputs)
    assert data.data.dtype == np.float32 and data.target.dtype == np.int64
    assert 0.0 <= data.data.min() and data.data.max() <= 1.0
    for rows, targets, pairs in [
        (data.data, data.target, data.digit_labels),
        (data.data_test, data.target_test, data.digit_labels_test),
    ]:
        for row, target, pair in zip(rows, targets, pairs, strict=True):
            left, right = halves(row, data.images_shape)
            a = sklearn_digits[np.ascontiguousarray(left).tobytes()]
            b = sklearn_digits[np.ascontiguousarray(right).tobytes()]
            assert pair.tolist() == [a, b]
            assert target.tolist() == expected_target(task, a, b)
    if task == "xor":
        assert data.digit_labels.max() <= 7 and data.digit_labels_test.max() <= 7


def test_default_sizes_and_disjoint_train_test_images():
    data = load_two_digits()
    n_images = 1797
    assert len(data.data) + len(data.data_test) == n_images
    assert len(data.data_test) == math.ceil(0.25 * n_images)
    train_images = {half.tobytes() for row in data.data for half in halves(row, (8, 16))}
    test_images = {half.tobytes() for row in data.data_test for half in halves(row, (8, 16))}
    assert not train_images & test_images
    # both digits vary over all classes
    assert set(data.digit_labels[:, 0]) == set(data.digit_labels[:, 1]) == set(range(10))


def test_seeded():
    first = load_two_digits("xor", n_samples=50, random_state=3)
    again = load_two_digits("xor", n_samples=50, random_state=3)
    other = load_two_digits("xor", n_samples=50, random_state=4)
    np.testing.assert_array_equal(first.data, again.data)
    np.testing.assert_array_equal(first.target_test, again.target_test)
    assert not np.array_equal(first.data, other.data)


def test_return_X_y_follows_train_test_split_order():
    data = load_two_digits(n_samples=40, test_size=0.5, random_state=2)
    X, X_test, y, y_test = load_two_digits(
        n_samples=40, test_size=0.5, random_state=2, return_X_y=True
    )
    for array, expected in [
        (X, data.data),
        (X_test, data.data_test),
        (y, data.target),
        (y_test, data.target_test),
    ]:
        np.testing.assert_array_equal(array, expected)


@pytest.mark.parametrize("task", ["two_digits", "xor"])
def test_graph(task):
    data = load_two_digits(task, n_samples=10)
    graph = data.graph
    n_pixels, n_outputs = 128, data.target.shape[1]
    assert graph.graph["name"] == ("two_digits" if task == "two_digits" else "two_digits_xor")
    assert graph.number_of_nodes() == n_pixels + 2 + n_outputs
    for i in range(n_pixels):
        assert graph.nodes[f"x{i}"] == {"role": "input", "index": i, "level": 0}
        (reader,) = graph.successors(f"x{i}")
        assert reader == ("left" if i % 16 < 8 else "right")
    for half in ("left", "right"):
        assert graph.nodes[half]["role"] == "function" and graph.nodes[half]["level"] == 1
        assert graph.in_degree(half) == 64
    for j in range(n_outputs):
        node = graph.nodes[f"y{j}"]
        assert (node["role"], node["index"], node["level"]) == ("output", j, 2)
        by_position = sorted(graph.in_edges(f"y{j}", data="position"), key=lambda edge: edge[2])
        readers = [source for source, _, _ in by_position]
        if task == "two_digits":
            assert readers == (["left"] if j < 10 else ["right"])
        else:
            assert readers == ["left", "right"]
    assert data.feature_names == [f"x{i}" for i in range(n_pixels)]
    assert data.target_names == [f"y{j}" for j in range(n_outputs)]


# --- MNIST IDX files --------------------------------------------------------------------


def write_idx(path, array, compress):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    content = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(content) if compress else content)


@pytest.fixture(params=[False, True], ids=["plain", "gzip"])
def mnist_dir(tmp_path, request):
    """A fake MNIST directory: 40 distinct 3x4 images whose first pixel encodes the label."""
    rng = np.random.RandomState(0)
    labels = np.arange(40) % 10
    images = rng.randint(0, 256, size=(40, 3, 4))
    images[:, 0, 0] = labels * 20
    images[:, 0, 1] = np.arange(40)  # makes every image distinct
    suffix = ".gz" if request.param else ""
    write_idx(tmp_path / f"train-images-idx3-ubyte{suffix}", images, request.param)
    write_idx(tmp_path / f"train-labels-idx1-ubyte{suffix}", labels, request.param)
    return tmp_path


@pytest.mark.parametrize("task", ["two_digits", "xor"])
def test_mnist_directory(mnist_dir, task):
    data = load_two_digits(task, source=mnist_dir, n_samples=30, random_state=0)
    assert data.images_shape == (3, 8)
    assert data.data.shape == (22, 24) and data.data_test.shape == (8, 24)
    assert 0.0 <= data.data.min() and data.data.max() <= 1.0
    for row, target in zip(data.data, data.target, strict=True):
        left, right = halves(row, data.images_shape)
        a, b = round(left[0, 0] * 255 / 20), round(right[0, 0] * 255 / 20)
        assert target.tolist() == expected_target(task, a, b)
    assert data.graph.number_of_nodes() == 24 + 2 + data.target.shape[1]
    assert "MNIST" in data.DESCR


def test_mnist_directory_as_str_defaults_to_one_pair_per_image(mnist_dir):
    data = load_two_digits(source=str(mnist_dir), test_size=0.5)
    assert len(data.data) + len(data.data_test) == 40


def test_mnist_missing_file(tmp_path):
    write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((2, 3, 4)), False)
    with pytest.raises(FileNotFoundError, match="train-labels-idx1-ubyte.gz"):
        load_two_digits(source=tmp_path)


@pytest.mark.parametrize(
    "images, labels, message",
    [
        (
            np.zeros((4, 12)),
            np.zeros(4),
            r"expected unsigned-byte images of shape \(n_images, height, width\)",
        ),
        (np.zeros((4, 3, 4)), np.full(4, 12), r"1-d array of digit labels 0..9"),
        (np.zeros((4, 3, 4)), np.zeros(5), r"holds 4 images but .* holds 5 labels"),
        (np.zeros((4, 0, 0)), np.zeros(4), r"the images are 0x0 pixels; an image needs at least 1x1"),
        (np.zeros((4, 3, 0)), np.zeros(4), r"the images are 3x0 pixels"),
        (np.zeros((0, 3, 4)), np.zeros(0), r"train-images-idx3-ubyte holds no image"),
        (np.zeros((4, 3, 4)), np.zeros((4, 1)), r"got an array of shape \(4, 1\)\. Is it an images file"),
    ],
)
def test_mnist_invalid_contents(tmp_path, images, labels, message):
    write_idx(tmp_path / "train-images-idx3-ubyte", images, False)
    write_idx(tmp_path / "train-labels-idx1-ubyte", labels, False)
    with pytest.raises(ValueError, match=message):
        load_two_digits(source=tmp_path)


@pytest.mark.parametrize(
    "directory, error, message",
    [
        (None, TypeError, r"directory must be a folder name \(str or os.PathLike\); got NoneType"),
        ("absent", FileNotFoundError, r"absent does not exist; pass the folder that holds train-images"),
        ("a_file", NotADirectoryError, r"a_file is a file; pass the folder"),
    ],
)
def test_mnist_directory_must_be_an_existing_folder(tmp_path, directory, error, message):
    (tmp_path / "a_file").write_bytes(b"")
    with pytest.raises(error, match=message):
        load_mnist_directory(directory if directory is None else tmp_path / directory)


def test_a_test_size_that_leaves_a_digit_out_of_training_is_refused(mnist_dir):
    # 40 images, 4 per digit: a test share of 0.9 leaves 4 for training, at most 4 digits.
    with pytest.raises(ValueError, match=r"test_size=0.9 leaves 4 of the 40 usable images for training, none of"):
        load_two_digits(source=mnist_dir, test_size=0.9)


# --- errors and offline use ---------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(source="sklean"), ValueError, r"'sklearn' or an existing directory"),
        (dict(n_samples=2, test_size=0.6), ValueError, r"leaves no training data"),
    ],
)
def test_invalid_parameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        load_two_digits(**kwargs)


def test_nothing_is_downloaded(monkeypatch, mnist_dir):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert load_two_digits("xor", n_samples=10).data.shape == (7, 128)
    assert load_two_digits(source=mnist_dir, n_samples=10).data.shape == (7, 24)
    assert make_boolean_task("single").data.shape == (16, 4)
