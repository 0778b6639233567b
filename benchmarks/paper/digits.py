"""Sculpt two images side by side and check that the net splits them into a left and a right module.

The paper's MNIST experiment (two 28x28 digits side by side, 1568 pixels, 20 outputs) on
two sources:

- ``--source sklearn`` (default, offline): scikit-learn's 8x8 digits, pairs of 8x16 =
  128 pixels, every pair :func:`sksculpt.datasets.load_two_digits` draws (1347 training
  pairs for "two_digits").
- ``--source DIR``: a folder of the four IDX files of MNIST or Fashion-MNIST (gzipped or
  not), 28x56 = 1568 pixels, the reference's scale. Debian's ``dataset-fashion-mnist``
  installs them offline in ``/usr/share/datasets/fashion-mnist``.

Settings (:data:`CLASSIFIER_SETTINGS`, :data:`HIDDEN_LAYER_SIZES`, :data:`N_SAMPLES`) are the
reference's MNIST ones (Adam, lr 0.001, weight decay 1e-4, no input noise, tau 0.6,
mm_threshold 0.3) scaled to fit two CPU cores; see
``docs/results.md`` for why each differs. A pruning step is accepted while the share of
output bits right on the held-out fifth of the training pairs stays within
``accuracy_tolerance`` of what the dense net reached there, so no threshold is set by hand.

Judged on the sculpted net and on its detected modules:

- **outputs split** ("two_digits"): outputs 0-9 are reached (through surviving edges) only
  from left-half pixels, outputs 10-19 only from right-half pixels, and each half
  reaches its own outputs;
- **halves separated**: both halves keep pixels and every detected module holding pixels
  takes at most 10 % of them from its minority half;
- **purity**: the share of surviving pixels whose module's majority half is their own;
- **mixed first-layer units**: the share of surviving first-hidden-layer units taking more
  than 10 % of their incoming edges from their minority half (the net, before detection).

Each fit runs in a fresh process, so its peak resident memory (``ru_maxrss``) is its own,
Python and torch included.

Run, on the 8x8 digits and on Fashion-MNIST at 28x28::

    python -m benchmarks.paper.digits --seeds 0 1 2
    python -m benchmarks.paper.digits --source /usr/share/datasets/fashion-mnist --tasks two_digits \\
        --seeds 0 1 2 --save-models OUT --figures-dir OUT
"""

import argparse
import os
import resource
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from pathlib import Path

import joblib
import numpy as np
import torch

from sksculpt import ModuleDetector, SculptingClassifier
from sksculpt.datasets import load_two_digits
from sksculpt.metrics import hierarchy_match_score

#: Pairs drawn, train and test together, from either source.
N_SAMPLES = 12000
#: SculptingClassifier settings shared by both sources.
CLASSIFIER_SETTINGS = dict(
    lr=0.001, batch_size=128, max_epochs=40, weight_decay=1e-4, input_noise=0.0, unit_prune_step=25.0,
    edge_prune_step=2.0, accuracy_tolerance=0.005, unit_accuracy_tolerance=0.002, validation_fraction=0.2,
)
#: Hidden widths per source: the reference's (392, 392) on 28x28 images, (128, 128) on the
#: 128 pixels of 8x8 pairs.
HIDDEN_LAYER_SIZES = {"sklearn": (128, 128), "idx": (392, 392)}
#: The reference's detector settings on MNIST.
DETECTOR = dict(merge_threshold=0.6, mm_threshold=0.3)
MINORITY_LIMIT = 0.1


def left_half(n_pixels, image_width):
    """Whether each pixel of a row-major side-by-side image lies in its left half."""
    return np.arange(n_pixels) % image_width < image_width // 2


def half_counts(input_labels, image_width):
    """Pixels of the left and right half held by each module.

    Parameters
    ----------
    input_labels : ndarray of int
        Module of each input pixel (``labels_[0]``), -1 for removed pixels.
    image_width : int
        Width of the side-by-side image; pixel ``i`` is in column ``i % image_width``.

    Returns
    -------
    counts : dict of int to (int, int)
        ``module -> (left pixels, right pixels)`` for every module holding a pixel.
    """
    is_left = left_half(len(input_labels), image_width)
    return {
        int(module): (int(np.sum(is_left & (input_labels == module))), int(np.sum(~is_left & (input_labels == module))))
        for module in np.unique(input_labels[input_labels >= 0])
    }


def halves_separated(counts, minority_limit=MINORITY_LIMIT):
    """Whether both halves keep pixels and no module takes over ``minority_limit`` from its minority half."""
    left, right = (sum(pair[side] for pair in counts.values()) for side in (0, 1))
    return left > 0 and right > 0 and all(min(pair) <= minority_limit * sum(pair) for pair in counts.values())


def half_reach(masks, image_width):
    """Which image halves reach each output through surviving edges.

    Parameters
    ----------
    masks : list of ndarray of bool
        ``masks_`` of a sculpted net, the first of shape ``(n_pixels, n_units)``.
    image_width : int
        Width of the side-by-side image.

    Returns
    -------
    reach : ndarray of bool, shape (n_outputs, 2)
        ``reach[j, 0]``: some left-half pixel has a path to output ``j``; ``reach[j, 1]``: some
        right-half pixel has.
    """
    is_left = left_half(masks[0].shape[0], image_width)
    sources = np.stack([is_left, ~is_left], axis=1).astype(np.int64)
    for mask in masks:
        sources = (mask.T.astype(np.int64) @ sources > 0).astype(np.int64)
    return sources.astype(bool)


def outputs_split(reach):
    """Whether the first half of the outputs is reached only from the left pixels, the second only
    from the right, and each from its own half (the "two_digits" task's structure)."""
    half = len(reach) // 2
    expected = np.zeros_like(reach)
    expected[:half, 0] = expected[half:, 1] = True
    return bool(np.array_equal(reach, expected))


def mixed_unit_share(first_mask, image_width, minority_limit=MINORITY_LIMIT):
    """Share of first-hidden-layer units with incoming edges that take over ``minority_limit`` from their minority half.

    A property of the sculpted connectivity alone, before module detection.

    Parameters
    ----------
    first_mask : ndarray of bool, shape (n_pixels, n_units)
        ``masks_[0]``.
    image_width : int
        Width of the side-by-side image.

    Returns
    -------
    share : float
        NaN when no unit keeps an incoming edge.
    """
    is_left = left_half(first_mask.shape[0], image_width)
    left, right = first_mask[is_left].sum(axis=0), first_mask[~is_left].sum(axis=0)
    alive = (left + right) > 0
    if not alive.any():
        return float("nan")
    return float(np.mean(np.minimum(left, right)[alive] > minority_limit * (left + right)[alive]))


def hidden_units_left(masks):
    """Hidden units per layer that keep an incoming and an outgoing edge."""
    return [int((incoming.any(axis=0) & outgoing.any(axis=1)).sum()) for incoming, outgoing in pairwise(masks)]


def purity(counts):
    """Share of surviving pixels whose module's majority half is their own half."""
    total = sum(sum(pair) for pair in counts.values())
    return sum(max(pair) for pair in counts.values()) / total if total else float("nan")


def source_kind(source):
    """``"sklearn"`` for the bundled digits, ``"idx"`` for a folder of IDX files."""
    return "sklearn" if source == "sklearn" else "idx"


def build_classifier(source, seed, verbose=0, **overrides):
    """The classifier :func:`sculpt_images` fits: the source's settings with ``overrides``."""
    settings = {
        **CLASSIFIER_SETTINGS, "hidden_layer_sizes": HIDDEN_LAYER_SIZES[source_kind(source)], **overrides,
    }
    return SculptingClassifier(
        **settings, detector=ModuleDetector(**DETECTOR), random_state=seed, verbose=verbose,
    )


def sculpt_images(task, seed, source="sklearn", n_samples=None, save_models=None, figures_dir=None,
                  verbose=0, threads=None, **overrides):
    """Fit one task with one seed; return its separation figures, time and peak memory.

    ``n_samples`` defaults to the source's setting; ``overrides`` replace classifier settings.
    With ``save_models``, the fitted classifier is written there as ``<task>_seed<k>.joblib``;
    with ``figures_dir``, its picture as ``images_<source>_<task>_seed<k>.png``.
    """
    if threads is not None:
        torch.set_num_threads(threads)
    kind = source_kind(source)
    if n_samples is None:
        n_samples = N_SAMPLES
    data = load_two_digits(task, source=source, n_samples=n_samples, random_state=seed)
    classifier = build_classifier(source, seed, verbose=verbose, **overrides)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        classifier.fit(data.data, data.target)
    seconds = time.perf_counter() - start
    width = data.images_shape[1]
    counts = half_counts(classifier.detector_.labels_[0], width)
    reach = half_reach(classifier.masks_, width)
    if save_models is not None:
        Path(save_models).mkdir(parents=True, exist_ok=True)
        joblib.dump(classifier, Path(save_models) / f"{task}_seed{seed}.joblib")
    if figures_dir is not None:
        save_picture(classifier, data.images_shape, Path(figures_dir) / f"images_{kind}_{task}_seed{seed}.png")
    return dict(
        task=task, seed=seed, source=kind, n_train=len(data.data), seconds=seconds,
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        density=float(classifier.density_), acceptance_threshold=float(classifier.acceptance_threshold_),
        test_bit_accuracy=float(np.mean(classifier.predict(data.data_test) == data.target_test)),
        n_input_modules=len(counts), counts=counts, separated=halves_separated(counts), purity=purity(counts),
        outputs_split=outputs_split(reach) if task == "two_digits" else None,
        mixed_units=mixed_unit_share(classifier.masks_[0], width),
        hidden_units_left=hidden_units_left(classifier.masks_), n_modules=len(classifier.modules_),
        score=hierarchy_match_score(data.graph, classifier),
    )


def save_picture(classifier, image_shape, path):
    """The sculpted net with its modules beside its input layer drawn as the image."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sksculpt.plotting import plot_input_modules, plot_modules

    # Stacked, at the width of the docs' column (800 px), so the text is shown at its own size;
    # the image's legend gets the last quarter of the lower row.
    figure = plt.figure(figsize=(8, 7.5), layout="constrained")
    upper, lower = figure.subfigures(2, 1, height_ratios=(1.25, 1))
    net_ax = upper.subplots()
    image_ax, legend_room = lower.subplots(1, 2, width_ratios=(3, 1))
    legend_room.axis("off")
    plot_modules(classifier, ax=net_ax, unit_labels=False)
    plot_input_modules(classifier, image_shape, ax=image_ax)
    figure.savefig(path, dpi=100)
    plt.close(figure)


def format_table(results):
    """The results as a markdown table."""
    lines = [
        "| task | seed | outputs split | halves separated | purity | modules with pixels (left, right) "
        "| mixed first-layer units | hidden units left | density | bar | test bit accuracy | score | time | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        split = {True: "yes", False: "no", None: "-"}[r["outputs_split"]]
        counts = " ".join(f"{left}+{right}" for left, right in r["counts"].values())
        lines.append(
            f"| {r['task']} | {r['seed']} | {split} | {'yes' if r['separated'] else 'no'} | {r['purity']:.3f} | "
            f"{counts} | {r['mixed_units']:.2f} | {r['hidden_units_left']} | {100 * r['density']:.2f} % | "
            f"{r['acceptance_threshold']:.4f} | {r['test_bit_accuracy']:.3f} | {r['score']:.3f} | "
            f"{r['seconds']:.0f} s | {r['peak_rss_mib']:.0f} MiB |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="The classifier options replace the source's settings.",
    )
    parser.add_argument("--source", default="sklearn", help='"sklearn" or a folder of MNIST / Fashion-MNIST IDX files')
    parser.add_argument("--tasks", nargs="+", default=["two_digits", "xor"], choices=["two_digits", "xor"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--n-samples", type=int, default=None, help="pairs drawn, train and test together")
    parser.add_argument("--hidden-layer-sizes", type=int, nargs="+", default=None)
    parser.add_argument("--max-epochs", type=int, default=None, help="epochs per training round")
    parser.add_argument("--unit-prune-step", type=float, default=None, help="P_u")
    parser.add_argument("--edge-prune-step", type=float, default=None, help="P_e")
    parser.add_argument("--accuracy-tolerance", type=float, default=None)
    parser.add_argument("--unit-accuracy-tolerance", type=float, default=None)
    parser.add_argument("--weight-decay", type=float, default=None)
    parser.add_argument("--n-jobs", type=int, default=1, help="fits run at once, each in its own process")
    parser.add_argument("--save-models", default=None, help="write each fitted classifier here")
    parser.add_argument("--figures-dir", default=None, help="write a picture of each fitted net here")
    parser.add_argument("--verbose", type=int, default=0, help="the classifiers' verbose (2: a line per epoch)")
    args = parser.parse_args(argv)
    overrides = {
        name: getattr(args, name)
        for name in (
            "max_epochs", "unit_prune_step", "edge_prune_step", "accuracy_tolerance", "unit_accuracy_tolerance",
            "weight_decay",
        )
        if getattr(args, name) is not None
    }
    if args.hidden_layer_sizes is not None:
        overrides["hidden_layer_sizes"] = tuple(args.hidden_layer_sizes)
    threads = max(1, (os.cpu_count() or 1) // args.n_jobs)
    jobs = [(task, seed) for task in args.tasks for seed in args.seeds]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.n_jobs, max_tasks_per_child=1) as pool:
        futures = [
            pool.submit(
                sculpt_images, task, seed, args.source, args.n_samples, args.save_models, args.figures_dir,
                args.verbose, threads, **overrides,
            )
            for task, seed in jobs
        ]
        results = [future.result() for future in futures]
    print(format_table(results))
    print(f"\n{len(results)} fits in {time.perf_counter() - start:.0f} s wall, {args.n_jobs} at a time, "
          f"{threads} torch threads each")
    return results


if __name__ == "__main__":
    main()
