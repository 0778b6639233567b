"""Cost of a training epoch of a pruned net at the reference's image widths: whole net, surviving
units only, and sparse matrix products.

A sculpted image net keeps a few percent of its weights. Three ways to train it:

* whole: the dense stacked products over every unit (masked weights are zeros);
* surviving: ``MaskedMLP.subnet`` of the units some net still uses,
  dense products over them (what ``SculptingClassifier`` does for nets above
  ``SINGLE_THREAD_MAX_WEIGHTS`` weights);
* sparse: each layer's weight as a ``torch.sparse_csr`` matrix of its surviving edges. Timed
  are the products of one training epoch: the forward product, the backward product to
  the layer's input (none for the first layer) and the weight gradient at the surviving
  edges only (``torch.sparse.sampled_addmm``), with the ReLUs; the optimizer update
  and the loss are left out, so this is a lower bound on a sparse training epoch.

Masks mimic a sculpted net: unit pruning keeps a share of each hidden layer's units (the
cheapest ones to lose, here at random), then edge pruning keeps the largest remaining weights
(random here) down to the given density. The data: 7,200 samples of 1,568 inputs, batch 128,
20 outputs, one net, all threads.

It times the engine itself, so it imports the engine's classes from the
``sksculpt._engine`` package namespace (``MaskedMLP``, ``SculptingNet``,
``StackedAdam``), the one benchmark that does (README, Architecture).

Run: ``python -m benchmarks.speed.bench_sparse [--widths 392 784 1568] [--repeat 3]``
"""

import argparse
import time

import numpy as np
import torch

from sksculpt._engine import MaskedMLP, SculptingNet, StackedAdam

N_SAMPLES, N_FEATURES, N_OUTPUTS, BATCH = 7200, 1568, 20, 128

#: (share of hidden units kept, density of all weights) of the stages of a sculpting run.
STAGES = [(1.0, 1.0), (0.5, None), (0.1, None), (0.05, None), (0.05, 0.01), (0.05, 0.002)]


def sculpted_masks(widths, unit_share, density, rng):
    """Random masks with ``unit_share`` of each hidden layer's units kept and, when ``density``
    is given, that share of all weights kept among their edges."""
    kept = [np.ones(widths[0], bool)]
    for width in widths[1:-1]:
        units = np.zeros(width, bool)
        units[rng.choice(width, max(1, round(unit_share * width)), replace=False)] = True
        kept.append(units)
    kept.append(np.ones(widths[-1], bool))
    masks = [np.outer(a, b) for a, b in zip(kept[:-1], kept[1:])]
    if density is not None:
        n_keep = round(density * sum(m.size for m in masks))
        alive = np.concatenate([m.ravel() for m in masks])
        order = rng.permutation(np.flatnonzero(alive))[:n_keep]
        flat = np.zeros(alive.size, bool)
        flat[order] = True
        masks = np.split(flat, np.cumsum([m.size for m in masks])[:-1])
        masks = [m.reshape(shape) for m, shape in zip(masks, [(a, b) for a, b in zip(widths[:-1], widths[1:])])]
    return masks


def epoch_seconds(widths, masks, train_surviving_only, data, repeat):
    """Best of ``repeat`` one-epoch training rounds of a one-net SculptingNet."""
    net = SculptingNet(
        MaskedMLP, module__n_features=widths[0], module__hidden_layer_sizes=tuple(widths[1:-1]),
        module__n_outputs=widths[-1], optimizer=StackedAdam, optimizer__weight_decay=1e-4, lr=1e-3,
        batch_size=BATCH, max_epochs=1, input_noise=0.0, train_surviving_only=train_surviving_only,
    ).initialize_nets([0])
    net.module_.set_masks(masks)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        net.train_round(*data)
        times.append(time.perf_counter() - start)
    return min(times)


def sparse_training_seconds(widths, masks, X, repeat):
    """Best of ``repeat`` epochs of the products of sparse training with CSR weights, batch by batch."""
    weights = [torch.randn(b, a).mul_(torch.as_tensor(m.T, dtype=torch.float32)).to_sparse_csr()
               for m, (a, b) in zip(masks, zip(widths[:-1], widths[1:]))]
    transposed = [weight.to_dense().T.to_sparse_csr() for weight in weights]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for first in range(0, len(X), BATCH):
            activations = [X[first:first + BATCH].T.contiguous()]
            for depth, weight in enumerate(weights):
                output = torch.sparse.mm(weight, activations[-1])
                activations.append(torch.relu(output) if depth < len(weights) - 1 else output)
            gradient = torch.ones_like(activations[-1])
            for depth in reversed(range(len(weights))):
                torch.sparse.sampled_addmm(weights[depth], gradient, activations[depth].T, beta=0.0)
                if depth > 0:
                    gradient = torch.sparse.mm(transposed[depth], gradient) * (activations[depth] > 0)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", type=int, nargs="+", default=[392, 784, 1568])
    parser.add_argument("--depth", type=int, default=2, help="hidden layers")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rng = np.random.RandomState(0)
    X = torch.as_tensor(rng.rand(N_SAMPLES, N_FEATURES), dtype=torch.float32)
    y = torch.as_tensor(rng.rand(N_SAMPLES, N_OUTPUTS) > 0.9, dtype=torch.float32)
    data = (X, y, X[:1800], y[:1800])
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    print("| hidden widths | units kept | density | whole net | surviving units | ratio | sparse products |")
    print("|---|---|---|---|---|---|---|")
    for width in args.widths:
        widths = [N_FEATURES, *[width] * args.depth, N_OUTPUTS]
        for unit_share, density in STAGES:
            masks = sculpted_masks(widths, unit_share, density, rng)
            whole = epoch_seconds(widths, masks, False, data, args.repeat)
            surviving = epoch_seconds(widths, masks, True, data, args.repeat)
            sparse = sparse_training_seconds(widths, masks, X, args.repeat)
            share = sum(int(m.sum()) for m in masks) / sum(m.size for m in masks)
            print(f"| {width} x {args.depth} | {unit_share:.0%} | {share:.2%} | {whole:.3f} s | {surviving:.3f} s "
                  f"| {whole / surviving:.1f}x | {sparse:.3f} s |", flush=True)


if __name__ == "__main__":
    main()
