"""Pictures of the depth figure's exemplar nets: the authors' own beside sksculpt's.

The poster's depth figure shows the task ``[8, 2, 1, 2, 4]`` (``depth:m=4``)
sculpted with 2, 3 and 4 hidden layers of 48 units, seed 0, at the P_u / P_e
the authors picked (:data:`~benchmarks.common.facts.POSTER_EXEMPLARS`).
For each depth this draws one figure of two panels: on the left the net the
authors sculpted (its final masks, read from the ``results/`` folder of a copy
of the reference repository, through sksculpt's ``ModuleDetector`` at the
trial's step size), on the right the net ``SculptingClassifier`` sculpts here
with the trial's own settings (``benchmarks/data/reference_trials.csv``) and
seed. Each panel's title gives the net's density and its
``hierarchy_match_score``; the modules of both nets are printed.

Run (one CPU thread, about 10 s of training in all)::

    OMP_NUM_THREADS=1 python -m benchmarks.reference.depth_figures \\
        --reference-results ../Neural-Sculpting/results --out docs/_static

writes ``results_depth_2layers.png``, ``results_depth_3layers.png`` and
``results_depth_4layers.png`` into ``--out``.
"""

import argparse
from pathlib import Path

from sksculpt.metrics import hierarchy_match_score
from sksculpt.pruning import density

from ..common.facts import POSTER_EXEMPLARS
from ..common.tasks import load_task
from .fits import fit_classifier
from .masks import authors_net
from .settings import exemplar_row, read_reference_rows, row_params

#: Resolution of the saved pictures.
DPI = 100


def depth_exemplar_rows(rows=None):
    """The rows of the poster's depth exemplars, fewest hidden layers first.

    Parameters
    ----------
    rows : sequence of ReferenceRow, default=None
        Rows to search; every row of the data file when None.

    Returns
    -------
    rows : list of ReferenceRow
    """
    rows = read_reference_rows() if rows is None else rows
    picked = [exemplar_row(rows, exemplar) for exemplar in POSTER_EXEMPLARS if exemplar.figure == "depth"]
    return sorted(picked, key=lambda row: row.trial.depth)


def describe_modules(hierarchy, n_layers):
    """One line per module: its id, layers, units, held inputs and outputs, and the modules it feeds.

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A fitted ``hierarchy_``.
    n_layers : int
        Layers of the net, inputs and outputs included; layer 0 is named
        ``in``, the last ``out`` and the others ``h1``, ``h2``, ...
    """
    names = ["in", *(f"h{layer}" for layer in range(1, n_layers - 1)), "out"]
    lines = []
    for node, data in hierarchy.nodes(data=True):
        inputs = ",".join(f"x{i}" for i in sorted(data["inputs"])) or "-"
        outputs = ",".join(f"y{j}" for j in sorted(data["outputs"])) or "-"
        successors = ",".join(f"M{successor}" for successor in hierarchy.successors(node)) or "-"
        layers = "+".join(names[layer] for layer in sorted(data["layers"]))
        lines.append(f"M{node}: {layers}, {data['n_units']} units, inputs {inputs}, outputs {outputs} -> {successors}")
    return lines


def sculpt_here(row):
    """A ``SculptingClassifier`` fitted on the row's task with the row's settings, seed and P_u / P_e."""
    classifier, _ = fit_classifier(load_task(row.trial), row_params(row))
    return classifier


def draw_pair(row, results_dir, path, classifier=None):
    """Draw the authors' net of a row beside sksculpt's and save the figure.

    Parameters
    ----------
    row : ReferenceRow
    results_dir : str or path-like
        The ``results/`` folder of a copy of the reference repository.
    path : str or path-like
        Where the PNG goes.
    classifier : SculptingClassifier, default=None
        sksculpt's fitted net of the row; :func:`sculpt_here` fits it when None.

    Returns
    -------
    summary : dict
        ``authors`` and ``here``: each a dict of ``density``, ``score`` and
        ``modules`` (the lines of :func:`describe_modules`).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sksculpt.plotting import plot_modules

    graph = load_task(row.trial).graph
    detector, masks = authors_net(row, results_dir)
    classifier = sculpt_here(row) if classifier is None else classifier
    nets = dict(
        authors=(detector, masks, detector.hierarchy_),
        here=(classifier, classifier.masks_, classifier.detector_.hierarchy_),
    )
    summary = {
        name: dict(density=density(net_masks), score=hierarchy_match_score(graph, hierarchy),
                   modules=describe_modules(hierarchy, len(net_masks) + 1))
        for name, (_, net_masks, hierarchy) in nets.items()
    }
    trial = row.trial
    # As wide as the docs' column at DPI, so the text is shown at its own size.
    figure, axes = plt.subplots(1, 2, figsize=(8, 1.6 + 1.0 * (trial.depth + 2)), layout="constrained")
    headings = dict(authors="The authors' network", here="Sculpted by sksculpt")
    for ax, (name, (estimator, net_masks, _)) in zip(axes, nets.items()):
        plot_modules(estimator, masks=net_masks if name == "authors" else None, ax=ax, title="")
        ax.set_title(f"{headings[name]}\n{100 * summary[name]['density']:.2f} % of the weights left, "
                     f"score {summary[name]['score']:.3f}", fontsize=11)
    widths = sorted(set(trial.hidden_layer_sizes))
    hidden = f"{trial.depth} hidden layers of {' / '.join(map(str, widths))} units"
    figure.suptitle(f"Depth task, m = {row.modularity[-1]}, {hidden}\nseed {trial.seed}, "
                    f"$P_u$ = {row.unit_prune_step:g} %, $P_e$ = {row.edge_prune_step:g} %", fontsize=13)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference-results", required=True,
                        help="the results/ folder of a copy of the reference repository")
    parser.add_argument("--out", default="docs/_static", help="folder of the pictures")
    args = parser.parse_args(argv)
    summaries = {}
    for row in depth_exemplar_rows():
        path = Path(args.out) / f"results_depth_{row.trial.depth}layers.png"
        summary = draw_pair(row, args.reference_results, path)
        summaries[row.trial.depth] = summary
        print(f"{path}: {row.trial.task} hidden {list(row.trial.hidden_layer_sizes)} seed {row.trial.seed} "
              f"P_u {row.unit_prune_step:g} P_e {row.edge_prune_step:g}")
        for name, net in summary.items():
            print(f"  {name}: density {100 * net['density']:.2f} %, score {net['score']:.3f}")
            for line in net["modules"]:
                print(f"    {line}")
    return summaries


if __name__ == "__main__":
    main()
