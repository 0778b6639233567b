"""Benchmark ModuleDetector on a digit-task-sized sculpted network.

Two 28x28 digits side by side (1568 inputs), two hidden layers of 784 units,
20 outputs (one-hot of each digit), about 1 % of the edges left. The seeded
random masks have a block structure: each image half mostly feeds its own half
of the hidden units, which feed their own 10 outputs, plus sparse cross-talk.

Run:  python -m benchmarks.speed.bench_detection [--seed 0] [--repeats 3]

Reports the wall time of ``ModuleDetector().fit`` (best of the repeats), the
peak of Python-tracked memory during one fit (tracemalloc, includes NumPy
buffers), the process's peak resident memory (getrusage), and what was found.
Targets: under 10 s and 2 GB.
"""

import argparse
import resource
import sys
import time
import tracemalloc

import numpy as np

from sksculpt.detection import ModuleDetector

LAYER_SIZES = (1568, 784, 784, 20)
# per weight layer: probability of an edge inside a block and across blocks
EDGE_PROBABILITIES = ((0.018, 0.0002), (0.018, 0.0002), (0.2, 0.0))


def make_block_masks(seed):
    """Seeded random masks with two blocks (left digit, right digit) per layer."""
    rng = np.random.default_rng(seed)
    masks = []
    for (n_in, n_out), (inside, across) in zip(
        zip(LAYER_SIZES[:-1], LAYER_SIZES[1:]), EDGE_PROBABILITIES
    ):
        same_block = (np.arange(n_in)[:, None] < n_in // 2) == (np.arange(n_out) < n_out // 2)
        masks.append(rng.random((n_in, n_out)) < np.where(same_block, inside, across))
    return masks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    masks = make_block_masks(args.seed)
    n_edges = sum(int(mask.sum()) for mask in masks)
    density = n_edges / sum(mask.size for mask in masks)
    print(f"layers {LAYER_SIZES}, {n_edges} edges left ({density:.2%})")

    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        detector = ModuleDetector(merge_threshold=0.6, mm_threshold=0.3).fit(masks)
        times.append(time.perf_counter() - start)

    tracemalloc.start()
    ModuleDetector(merge_threshold=0.6, mm_threshold=0.3).fit(masks)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    max_rss_bytes = max_rss if sys.platform == "darwin" else max_rss * 1024

    alive = [int((labels >= 0).sum()) for labels in detector.labels_]
    print(f"units kept per layer {alive}, {len(detector.modules_)} modules")
    half = LAYER_SIZES[0] // 2
    for module in detector.modules_:
        left = sum(index < half for index in module.inputs)
        print(
            f"  module {module.id}: layers {module.layers}, inputs {left} left-half + "
            f"{len(module.inputs) - left} right-half, outputs {sorted(module.outputs)}"
        )
    all_times = ", ".join(f"{t:.2f}" for t in times)
    print(f"fit wall time: best {min(times):.2f} s of {args.repeats} (all: {all_times})")
    print(f"peak traced memory during fit: {traced_peak / 2**20:.0f} MiB")
    print(f"peak resident memory of the process: {max_rss_bytes / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
