"""Two digit images side by side: the paper's digit-image tasks, offline."""

import math
import os
from collections import namedtuple
from numbers import Integral, Real

import networkx as nx
import numpy as np
from sklearn.utils import Bunch, check_random_state
from sklearn.utils._param_validation import StrOptions, validate_params

from .._validation import StrictInterval
from ._single_digits import load_single_digits


def _one_hot_target(digit_pairs):
    """One-hot of the left digit (columns 0-9), then of the right digit (10-19)."""
    identity = np.eye(10, dtype=np.int64)
    return np.hstack([identity[digit_pairs[:, 0]], identity[digit_pairs[:, 1]]])


def _xor_target(digit_pairs):
    """The 3 bits of ``a XOR b``, most significant bit first."""
    xor = digit_pairs[:, 0] ^ digit_pairs[:, 1]
    return ((xor[:, np.newaxis] >> np.array([2, 1, 0])) & 1).astype(np.int64)


def _one_hot_reads(output_index):
    """Output j < 10 reads the left digit, the others the right digit."""
    return ["left"] if output_index < 10 else ["right"]


def _xor_reads(output_index):
    """Every output bit of a XOR b reads both digits."""
    return ["left", "right"]


_DigitTask = namedtuple(
    "_DigitTask", ["digits", "n_outputs", "make_target", "output_op", "output_reads", "summary"]
)

#: The digit tasks: digits used, target builder, and how the true graph's outputs read.
DIGIT_TASKS = {
    "two_digits": _DigitTask(
        digits=tuple(range(10)),
        n_outputs=20,
        make_target=_one_hot_target,
        output_op="one_hot",
        output_reads=_one_hot_reads,
        summary="Two digits side by side, 20 outputs: y0..y9 one-hot of the left digit a "
        "(y{a} = 1), y10..y19 one-hot of the right digit b (y{10 + b} = 1).",
    ),
    "xor": _DigitTask(
        digits=tuple(range(8)),
        n_outputs=3,
        make_target=_xor_target,
        output_op="xor_bit",
        output_reads=_xor_reads,
        summary="Two digits a, b in 0..7 side by side, 3 outputs: the bits of a XOR b, "
        "most significant first (y0 = bit 2, y1 = bit 1, y2 = bit 0).",
    ),
}


def pair_images(images, labels, n_pairs, rng):
    """Put random pairs of digit images side by side.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Single digit images.
    labels : ndarray of shape (n_images,)
        Their digit labels.
    n_pairs : int
        Number of pairs to draw.
    rng : numpy.random.RandomState
        Source of randomness.

    Returns
    -------
    pixels : ndarray of shape (n_pairs, height * 2 * width)
        Row-major pixels of each ``(height, 2 * width)`` image, the left image
        in columns ``0 .. width - 1``.
    digit_pairs : ndarray of shape (n_pairs, 2), dtype int64
        Labels of the left and right digit.

    Notes
    -----
    The left and right image of each pair are drawn independently and
    uniformly, with replacement, from ``images``.
    """
    left = rng.randint(len(images), size=n_pairs)
    right = rng.randint(len(images), size=n_pairs)
    side_by_side = np.concatenate([images[left], images[right]], axis=2)
    return side_by_side.reshape(n_pairs, -1), np.column_stack([labels[left], labels[right]])


def two_digit_graph(task, image_height, image_width):
    """True function graph of a digit-pair task.

    Parameters
    ----------
    task : {"two_digits", "xor"}
        The task.
    image_height : int
        Rows of the side-by-side image.
    image_width : int
        Columns of the side-by-side image (twice a digit's width).

    Returns
    -------
    graph : networkx.DiGraph
        Input nodes ``"x{i}"`` for every pixel (feature ``i`` is pixel
        ``(i // image_width, i % image_width)``; ``role="input"``, ``index``,
        ``level=0``); function nodes ``"left"`` and ``"right"`` (``role="function"``,
        ``level=1``, ``op="digit"``: recognise the digit) reading the pixels of
        their half, in feature order; output nodes ``"y{j}"`` (``role="output"``,
        ``index``, ``level=2``) with ``op="one_hot"`` reading ``"left"``
        (j < 10) or ``"right"`` (j >= 10) for ``"two_digits"``, and
        ``op="xor_bit"`` reading ``"left"`` then ``"right"`` for ``"xor"``.
        Edges carry ``position``; graph attributes ``name`` (``"two_digits"``
        or ``"two_digits_xor"``), ``n_inputs``, ``n_outputs``, ``image_height``,
        ``image_width``.
    """
    spec = DIGIT_TASKS[task]
    n_pixels = image_height * image_width
    graph = nx.DiGraph(
        name="two_digits" if task == "two_digits" else "two_digits_xor",
        n_inputs=n_pixels,
        n_outputs=spec.n_outputs,
        image_height=image_height,
        image_width=image_width,
    )
    for i in range(n_pixels):
        graph.add_node(f"x{i}", role="input", index=i, level=0)
    in_left_half = np.arange(n_pixels) % image_width < image_width // 2
    for half, pixels in (
        ("left", np.flatnonzero(in_left_half)),
        ("right", np.flatnonzero(~in_left_half)),
    ):
        graph.add_node(half, role="function", level=1, op="digit")
        for position, pixel in enumerate(pixels):
            graph.add_edge(f"x{pixel}", half, position=position)
    for j in range(spec.n_outputs):
        graph.add_node(f"y{j}", role="output", index=j, level=2, op=spec.output_op)
        for position, half in enumerate(spec.output_reads(j)):
            graph.add_edge(half, f"y{j}", position=position)
    return graph


@validate_params(
    {
        "task": [StrOptions(set(DIGIT_TASKS))],
        "source": [str, os.PathLike],
        "n_samples": [StrictInterval(Integral, 2, None, closed="left"), None],
        "test_size": [StrictInterval(Real, 0, 1, closed="neither")],
        "random_state": ["random_state"],
        "return_X_y": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def load_two_digits(
    task="two_digits",
    *,
    source="sklearn",
    n_samples=None,
    test_size=0.25,
    random_state=0,
    return_X_y=False,
):
    """Load pairs of digit images side by side, with a train/test split.

    Parameters
    ----------
    task : {"two_digits", "xor"}, default="two_digits"
        ``"two_digits"``: 20 outputs, the one-hot of the left digit then the
        one-hot of the right digit. ``"xor"``: digits 0..7 only, 3 outputs, the
        bits of ``a XOR b`` (left digit ``a``, right digit ``b``), most
        significant bit first.
    source : "sklearn" or str or os.PathLike, default="sklearn"
        ``"sklearn"``: scikit-learn's bundled 8x8 digits (1797 images, pairs of
        8x16 = 128 pixels), which works offline. Otherwise a directory holding
        MNIST's ``train-images-idx3-ubyte`` and ``train-labels-idx1-ubyte``
        (optionally ``.gz``), read with :func:`read_idx` (pairs of 28x56 =
        1568 pixels). Nothing is ever downloaded.
    n_samples : int or None, default=None
        Number of pairs, train and test together; None means one pair per
        usable single image.
    test_size : float, default=0.25
        Fraction of the single images, and of the pairs, held out for testing,
        strictly between 0 and 1.
    random_state : int, RandomState instance or None, default=0
        Seeds the split and the pairing; the same seed gives the same data.
    return_X_y : bool, default=False
        If True, return ``(data, data_test, target, target_test)``, the order
        of :func:`sklearn.model_selection.train_test_split`.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with attributes:

        data, data_test : ndarray of shape (n_pairs, height * 2 * width), dtype float32
            Pixels in [0, 1] of the side-by-side images, row-major: feature
            ``i`` is pixel ``(i // (2 * width), i % (2 * width))``; columns
            below ``width`` belong to the left digit.
        target, target_test : ndarray of shape (n_pairs, n_outputs), dtype int64
            0/1 targets (20 columns for ``"two_digits"``, 3 for ``"xor"``).
        digit_labels, digit_labels_test : ndarray of shape (n_pairs, 2), dtype int64
            The left and right digit of each pair.
        graph : networkx.DiGraph
            The true function graph of the task.
        feature_names : list of str
            ``["x0", ...]``, the graph's input node names.
        target_names : list of str
            ``["y0", ...]``, the graph's output node names.
        images_shape : tuple of int
            ``(height, 2 * width)``, to reshape a row of ``data`` into an image.
        DESCR : str
            Description of the task and the data.

    (data, data_test, target, target_test) : tuple if ``return_X_y`` is True

    Raises
    ------
    ValueError
        If ``task`` is unknown, ``n_samples`` or ``test_size`` leave the train
        or test part empty, ``test_size`` leaves no training image of a
        digit of the task, or ``source`` is neither ``"sklearn"`` nor a
        directory, or its files are not valid MNIST IDX files.
    FileNotFoundError
        If the ``source`` directory lacks an MNIST file.

    Notes
    -----
    The single images are first split into a train and a test pool
    (``ceil(test_size * n_images)`` test images), so no image appears in both
    parts; then ``n_samples - ceil(test_size * n_samples)`` training pairs and
    ``ceil(test_size * n_samples)`` test pairs are drawn from their pool.

    Examples
    --------
    >>> from sksculpt.datasets import load_two_digits
    >>> digits = load_two_digits("xor", n_samples=100)
    >>> digits.data.shape, digits.target.shape, digits.images_shape
    ((75, 128), (75, 3), (8, 16))
    """
    spec = DIGIT_TASKS[task]
    (images, labels), source_text = load_single_digits(source)
    usable = np.isin(labels, spec.digits)
    images, labels = images[usable], labels[usable]
    missing = sorted(set(spec.digits) - set(labels.tolist()))
    if missing:
        raise ValueError(
            f"Task {task!r} needs images of the digits {list(spec.digits)}, but {source_text} "
            f"holds none of {missing}; pass a source with every digit (or source='sklearn')."
        )
    n_pairs = len(labels) if n_samples is None else int(n_samples)
    n_test_images = math.ceil(test_size * len(labels))
    n_test_pairs = math.ceil(test_size * n_pairs)
    if n_test_images >= len(labels) or n_test_pairs >= n_pairs:
        raise ValueError(
            f"test_size={test_size} leaves no training data ({len(labels)} usable images, "
            f"{n_pairs} pairs); lower test_size or use more samples."
        )

    rng = check_random_state(random_state)
    order = rng.permutation(len(labels))
    test_pool, train_pool = order[:n_test_images], order[n_test_images:]
    unseen = sorted(set(spec.digits) - set(labels[train_pool].tolist()))
    if unseen:
        raise ValueError(
            f"test_size={test_size} leaves {len(train_pool)} of the {len(labels)} usable images for "
            f"training, none of the digit(s) {unseen}, so no training pair shows them; lower test_size "
            "or use a source with more images."
        )
    X, digit_pairs = pair_images(
        images[train_pool], labels[train_pool], n_pairs - n_test_pairs, rng
    )
    X_test, digit_pairs_test = pair_images(images[test_pool], labels[test_pool], n_test_pairs, rng)
    y, y_test = spec.make_target(digit_pairs), spec.make_target(digit_pairs_test)
    if return_X_y:
        return X, X_test, y, y_test

    height, width = images.shape[1], 2 * images.shape[2]
    description = "\n\n".join(
        [
            spec.summary,
            f"Source: {source_text}; {len(labels)} usable single images, "
            f"{len(train_pool)} for training pairs and {len(test_pool)} for test pairs.",
            f"data: {len(X)} training pairs, data_test: {len(X_test)} test pairs, each a "
            f"{height}x{width} image flattened row-major into {height * width} float32 "
            f"pixels in [0, 1]; columns 0..{width // 2 - 1} of each row show the left digit.",
            "graph: every pixel feeds the function node of its half ('left' or 'right', "
            "op='digit'); the outputs read those nodes.",
        ]
    )
    return Bunch(
        data=X,
        target=y,
        data_test=X_test,
        target_test=y_test,
        digit_labels=digit_pairs,
        digit_labels_test=digit_pairs_test,
        graph=two_digit_graph(task, height, width),
        feature_names=[f"x{i}" for i in range(height * width)],
        target_names=[f"y{j}" for j in range(spec.n_outputs)],
        images_shape=(height, width),
        DESCR=description,
    )
