"""Sculpt the digit-image tasks and check that the two image halves land in separate modules.

The paper's MNIST setting scaled to scikit-learn's 8x8 digits (pairs of 8x16 =
128 pixels, :func:`sksculpt.datasets.load_two_digits`): hidden (128, 128)
instead of 392-1568 units, lr 0.003, batch 128, 40 epochs per round, one fifth
of the training pairs held out to check accuracy, P_u 25, P_e 5. The digits
are not perfectly separable, so a pruning step is accepted while the held-out
share of output bits right stays at ``accuracy_threshold``, set a little below
what the dense net reaches: 0.98 for "two_digits" (a wrong digit costs 2 of 20
bits) and 0.85 for "xor" (a wrong pair costs up to 3 of 3 bits). Detector:
merge_threshold (tau) 0.6, mm_threshold 0.3, as the paper used on MNIST.

Halves separated: every module that holds input pixels takes at most 10 % of
them from its minority half, and both halves keep pixels. Purity: the share of
surviving pixels whose module's majority half is their own. Mixed first-layer
units: the share of surviving first-hidden-layer units that take more than 10 %
of their incoming edges from their minority half (a property of the sculpted
net, before detection).

Each fit runs in a fresh process, so the peak resident memory it reports
(``ru_maxrss``) is that fit's, Python and torch included.

Run: ``python -m benchmarks.digits [--seeds 0 1 2] [--figures-dir docs/_static]``
"""

import argparse
import resource
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise

import numpy as np

from sksculpt import ModuleDetector, SculptingClassifier
from sksculpt.datasets import load_two_digits
from sksculpt.metrics import hierarchy_match_score

#: SculptingClassifier settings shared by both digit tasks.
DIGIT_SETTINGS = dict(
    hidden_layer_sizes=(128, 128), lr=0.003, batch_size=128, max_epochs=40, validation_fraction=0.2,
    unit_prune_step=25.0, edge_prune_step=5.0,
)
#: Accepted share of output bits right on the held-out pairs, per task.
ACCURACY_THRESHOLDS = {"two_digits": 0.98, "xor": 0.85}
MINORITY_LIMIT = 0.1


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
    is_left = np.arange(len(input_labels)) % image_width < image_width // 2
    return {
        int(module): (int(np.sum(is_left & (input_labels == module))), int(np.sum(~is_left & (input_labels == module))))
        for module in np.unique(input_labels[input_labels >= 0])
    }


def halves_separated(counts, minority_limit=MINORITY_LIMIT):
    """Whether both halves keep pixels and no module takes over ``minority_limit`` from its minority half."""
    left, right = (sum(pair[side] for pair in counts.values()) for side in (0, 1))
    return left > 0 and right > 0 and all(min(pair) <= minority_limit * sum(pair) for pair in counts.values())


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
    is_left = np.arange(first_mask.shape[0]) % image_width < image_width // 2
    left, right = first_mask[is_left].sum(axis=0), first_mask[~is_left].sum(axis=0)
    alive = (left + right) > 0
    if not alive.any():
        return float("nan")
    return float(np.mean(np.minimum(left, right)[alive] > minority_limit * (left + right)[alive]))


def hidden_units_left(masks):
    """Hidden units that keep an incoming and an outgoing edge."""
    return int(sum((incoming.any(axis=0) & outgoing.any(axis=1)).sum() for incoming, outgoing in pairwise(masks)))


def purity(counts):
    """Share of surviving pixels whose module's majority half is their own half."""
    total = sum(sum(pair) for pair in counts.values())
    return sum(max(pair) for pair in counts.values()) / total if total else float("nan")


def sculpt_digits(task, seed):
    """Fit one digit task with one seed; return its separation figures, time and peak memory."""
    data = load_two_digits(task, random_state=seed)
    classifier = SculptingClassifier(
        **DIGIT_SETTINGS, accuracy_threshold=ACCURACY_THRESHOLDS[task], random_state=seed,
        detector=ModuleDetector(merge_threshold=0.6, mm_threshold=0.3),
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        classifier.fit(data.data, data.target)
    seconds = time.perf_counter() - start
    counts = half_counts(classifier.detector_.labels_[0], data.images_shape[1])
    return dict(
        task=task, seed=seed, seconds=seconds, peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        density=float(classifier.density_), test_bit_accuracy=float(np.mean(classifier.predict(data.data_test) == data.target_test)),
        n_input_modules=len(counts), separated=halves_separated(counts), purity=purity(counts),
        mixed_units=mixed_unit_share(classifier.masks_[0], data.images_shape[1]),
        units_left=hidden_units_left(classifier.masks_),
        score=hierarchy_match_score(data.graph, classifier), classifier=classifier,
    )


def save_picture(result, path):
    """Draw the sculpted net with its modules; skipped with a message if sksculpt.plotting fails to import."""
    try:
        from sksculpt.plotting import plot_modules
    except ImportError as error:
        print(f"no picture saved ({error})")
        return
    axes = plot_modules(result["classifier"])
    axes.figure.savefig(path, dpi=100)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", nargs="+", default=["two_digits", "xor"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--figures-dir", default=None, help="save a picture of seed 0 of each task here")
    args = parser.parse_args(argv)
    jobs = [(task, seed) for task in args.tasks for seed in args.seeds]
    with ProcessPoolExecutor(args.n_jobs, max_tasks_per_child=1) as pool:
        results = list(pool.map(sculpt_digits, *zip(*jobs)))
    print(
        "| task | seed | separated | purity | modules with pixels | mixed first-layer units | hidden units left "
        "| density | test bit accuracy | score | time | peak RSS |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['task']} | {r['seed']} | {'yes' if r['separated'] else 'no'} | {r['purity']:.3f} | "
            f"{r['n_input_modules']} | {r['mixed_units']:.2f} | {r['units_left']} | {100 * r['density']:.2f} % | "
            f"{r['test_bit_accuracy']:.3f} | "
            f"{r['score']:.3f} | {r['seconds']:.0f} s | {r['peak_rss_mib']:.0f} MiB |"
        )
        if args.figures_dir and r["seed"] == args.seeds[0]:
            save_picture(r, f"{args.figures_dir}/results_digits_{r['task']}.png")
    return results


if __name__ == "__main__":
    main()
