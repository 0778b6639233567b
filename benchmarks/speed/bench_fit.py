"""Wall time of one complete SculptingClassifier fit, and the overhead outside optimizer steps.

Setting: the input-separable task [4, 2, 4] with the exemplar's settings
(hidden (24, 24), lr 0.05, batch 8, 10 epochs per round, P_u 65, P_e 1.5).

The overhead is the fit's wall time minus (number of optimizer steps x the cost
of one bare step: forward, backward and Adam update of the same module on one
batch, timed in a tight loop).

Run: ``python -m benchmarks.speed.bench_fit [--seeds 0 3 4] [--repeat 3]``
"""

import argparse
import itertools
import time
import warnings

import numpy as np
import torch

from sksculpt import SculptingClassifier

SETTING = dict(
    hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10,
    unit_prune_step=65, edge_prune_step=1.5,
)


def input_separable():
    X = np.array(list(itertools.product([0, 1], repeat=4)), dtype=np.float32)
    g1 = X[:, 0].astype(int) ^ X[:, 1].astype(int)
    g2 = X[:, 2].astype(int) ^ X[:, 3].astype(int)
    return X, np.stack([g1, 1 - g1, g2, 1 - g2], axis=1)


def bare_step_seconds(clf, X, y, n_steps=2000):
    """Seconds per forward + backward + fused Adam step of the fitted module on one batch.

    Timed on one thread, as ``fit`` trains nets this small.
    """
    torch.set_num_threads(1)
    module = clf.net_.module_
    optimizer = torch.optim.Adam(module.parameters(), lr=1e-6, weight_decay=1e-4, fused=True)
    X_batch = torch.as_tensor(X[: SETTING["batch_size"]])
    y_batch = torch.as_tensor(y[: SETTING["batch_size"]], dtype=torch.float32)
    module.train()

    def step():
        optimizer.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(module(X_batch), y_batch).backward()
        optimizer.step()

    for _ in range(100):
        step()
    start = time.perf_counter()
    for _ in range(n_steps):
        step()
    return (time.perf_counter() - start) / n_steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 3, 4, 6])
    parser.add_argument("--repeat", type=int, default=3, help="timed fits per seed (best is reported)")
    args = parser.parse_args(argv)
    X, y = input_separable()
    warnings.simplefilter("ignore")

    start = time.perf_counter()
    SculptingClassifier(**SETTING, random_state=args.seeds[0]).fit(X, y)
    print(f"first fit in a fresh process (includes torch's one-off lazy imports): {time.perf_counter() - start:.2f} s")

    print(f"{'seed':>4} {'fit s':>7} {'rounds':>6} {'steps':>6} {'step ms':>8} {'in steps s':>10} "
          f"{'overhead s':>10} {'density':>8}")
    for seed in args.seeds:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            clf = SculptingClassifier(**SETTING, random_state=seed).fit(X, y)
            times.append(time.perf_counter() - start)
        fit_seconds = min(times)
        history = clf.net_.history  # one entry per epoch
        n_steps = len(history) * -(-len(X) // SETTING["batch_size"])
        n_rounds = sum(1 for record in clf.sculpt_history_ if not np.isnan(record.accuracy)) + 1
        step_seconds = bare_step_seconds(clf, X, y)
        in_steps = n_steps * step_seconds
        print(
            f"{seed:>4} {fit_seconds:>7.3f} {n_rounds:>6} {n_steps:>6} {1e3 * step_seconds:>8.3f} "
            f"{in_steps:>10.3f} {fit_seconds - in_steps:>10.3f} {clf.density_:>8.4f}"
        )


if __name__ == "__main__":
    main()
