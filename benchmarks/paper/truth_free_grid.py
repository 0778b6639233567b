"""The structure each network of one search shows, over the P_u x P_e grid, and what each rule picks.

The figure of the "Without the truth" page: one trial of the reference's
headline protocol where the truth-free rules disagree (the reused task
[4, 1, 2, 16], three hidden layers of 24 units, seed 0, at the authors'
settings; its three sibling seeds vote). Each cell is one sculpted network,
coloured by its structure (the same colour is the same module graph), with a
marker on the network each rule picks. The grids are read from the cache that
``python -m benchmarks.reference.run --mode grid --experiments exemplars
--widths 24 --depths 3`` fills; drawing needs no training.

Drawn by ``python -m benchmarks.paper.results_figures --truth-free --out docs/_static``.
"""

import textwrap
from collections import Counter
from pathlib import Path

import matplotlib.patches
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np

from ..common.grid import Grid
from ..common.points import point_module_graph
from ..reference.fits import load_grid_results
from ..reference.report import pick_with_sibling_seeds
from ..reference.settings import group_by_trial, read_reference_rows, select_rows

#: The trial drawn: a task, an architecture and the seed whose networks are shown.
TRIAL = dict(experiment="exemplars", family="reused", m=16, hidden_layer_sizes=(24, 24, 24), seed=0)

#: Marker, size and legend name of each truth-free rule's pick, default first.
RULE_MARKERS = {
    "relay_free_vote": ("*", 13, "relay_free_vote (the default)"),
    "sparsest": ("^", 8, "sparsest"),
    "seed_vote": ("o", 8, "seed_vote"),
    "majority": ("s", 7, "majority"),
    "consensus": ("D", 7, "consensus"),
}

#: Colours of the most common structures, then of the rest, of inaccurate networks
#: and of networks with a spurious path.
COLOURS = ("#4c9be8", "#f5a142", "#5cb85c", "#b07cd8", "#d9b86c", "#7fd3d9")
OTHER, HATCHED = "#e4e4e4", "#9a9a9a"

DPI = 150

#: The paper's 14 x 5 grid, the one the cached trials were sculpted over.
GRID = Grid()


def load_trial_grids(cache_dir="benchmarks/results/reference", trial=TRIAL, grid=GRID):
    """The cached grid results of a trial and its sibling seeds, picks made again with today's rules.

    Parameters
    ----------
    cache_dir : str or path-like
        ``--cache-dir`` of ``benchmarks.reference.run`` (grids under ``grid/``).
    trial : dict
        ``experiment``, ``family``, ``m``, ``hidden_layer_sizes`` and ``seed``.
    grid : Grid

    Returns
    -------
    result : dict
        The seed's :func:`~benchmarks.reference.fits.grid_trial` result, its
        ``picks`` made with its siblings voting.
    """
    rows = select_rows(read_reference_rows(), {trial["experiment"]}, depths={len(trial["hidden_layer_sizes"])},
                       widths={trial["hidden_layer_sizes"][0]}, ms={trial["m"]})
    trials = [item for item in group_by_trial(rows) if item.family == trial["family"]]
    results = load_grid_results(trials, grid, Path(cache_dir) / "grid")
    if len(results) < len(trials):
        raise SystemExit(
            f"{len(trials) - len(results)} of the {len(trials)} grids are not cached in {cache_dir}/grid: run "
            "python -m benchmarks.reference.run --mode grid --experiments exemplars --widths 24 --depths 3"
        )
    pick_with_sibling_seeds(results)
    return next(result for result in results if result["trial"]["seed"] == trial["seed"])


def index_list(prefix, indices, n_total):
    """Indices in words: ``x0–x3``, ``y0, y2, …, y14`` or ``x0, x3``.

    Parameters
    ----------
    prefix : str
        ``"x"`` or ``"y"``.
    indices : iterable of int
    n_total : int
        How many there are in all (inputs or outputs of the task).

    Examples
    --------
    >>> index_list("y", range(0, 16, 2), 16)
    'y0, y2, …, y14'
    >>> index_list("x", [0, 1, 2, 3], 4)
    'x0–x3'
    """
    values = sorted(indices)
    names = [f"{prefix}{value}" for value in values]
    if len(values) >= 4 and len(set(np.diff(values))) == 1:
        step = values[1] - values[0]
        return f"{names[0]}–{names[-1]}" if step == 1 else f"{names[0]}, {names[1]}, …, {names[-1]}"
    return ", ".join(names) if len(names) <= 4 else f"{', '.join(names[:3])}, … ({len(names)} of {n_total})"


def describe_structure(point, n_inputs, n_outputs):
    """A module graph in words, level by level from the inputs: ``{x0–x3} → 2 hidden → {y0–y15}``.

    A module that holds inputs or outputs is named by them (``{x0, x1 → y0,
    y1}`` when it holds both), one that holds neither counts as "hidden". A
    module's level is the length of the longest module path that reaches it.

    Parameters
    ----------
    point : dict
        A cached grid point (``modules``, ``module_edges``).
    n_inputs, n_outputs : int

    Returns
    -------
    text : str
    """
    graph = point_module_graph(point)
    # Module graphs of layered networks are acyclic; node order stands in for one that is not.
    order = nx.topological_sort(graph) if nx.is_directed_acyclic_graph(graph) else list(graph)
    level = {}
    for node in order:
        level[node] = max((level[source] + 1 for source in graph.predecessors(node) if source in level), default=0)
    parts = []
    for depth in range(max(level.values(), default=-1) + 1):
        held, hidden = [], 0
        for node in (node for node in graph if level[node] == depth):
            inputs, outputs = graph.nodes[node]["inputs"], graph.nodes[node]["outputs"]
            names = [index_list("x", inputs, n_inputs)] if inputs else []
            names += [index_list("y", outputs, n_outputs)] if outputs else []
            if names:
                held.append((not inputs, min(inputs or outputs), "{" + " → ".join(names) + "}"))
            else:
                hidden += 1
        parts.append(", ".join([name for *_, name in sorted(held)] + ([f"{hidden} hidden"] if hidden else [])))
    count = graph.number_of_nodes()
    return f"{count} module{'s' if count != 1 else ''}: " + " → ".join(parts)


def cell_kinds(result, n_colours=6):
    """Which colour each grid point takes, and the legend of the colours.

    The structures of the rules' picks and then the most common ones get a
    colour each (at most ``n_colours``); inaccurate networks and networks
    with a spurious path (not candidates of any rule) are hatched. ``n_colours``
    is at most ``len(COLOURS)``.

    Returns
    -------
    colour_of : dict
        Structure signature to colour.
    counts : collections.Counter
        Networks per structure, candidates only.
    """
    candidates = [point for point in result["points"] if point["accuracy"] >= 1.0 and point["spurious_paths"] == 0]
    counts = Counter(point["structure"] for point in candidates)
    picked = [result["picks"][rule]["structure"] for rule in RULE_MARKERS if result["picks"].get(rule)]
    order = list(dict.fromkeys(sorted(set(picked), key=lambda s: -counts[s])))
    order += [structure for structure, _ in counts.most_common() if structure not in order]
    return {structure: colour for structure, colour in zip(order[:n_colours], COLOURS)}, counts


def plot_truth_free_grid(result, path, grid=GRID):
    """Draw one trial's grid: cells coloured by structure, each rule's pick marked.

    Parameters
    ----------
    result : dict
        See :func:`load_trial_grids`.
    path : str or path-like
        Where the PNG goes.
    grid : Grid
    """
    n_inputs = max(int(i) for point in result["points"] for inputs, _ in point["modules"]
                   for i in inputs.split(",") if i) + 1
    n_outputs = max(int(i) for point in result["points"] for _, outputs in point["modules"]
                    for i in outputs.split(",") if i) + 1
    colour_of, counts = cell_kinds(result)
    rows = {unit: row for row, unit in enumerate(grid.unit_steps)}
    columns = {edge: column for column, edge in enumerate(grid.edge_steps)}
    scores = {point["structure"]: point["score"] for point in result["points"]}
    with plt.rc_context({"font.size": 10, "legend.fontsize": 9.5}):
        figure = plt.figure(figsize=(8, 6.6))
        axes = figure.add_axes((0.09, 0.08, 0.3, 0.84))
        hatched = Counter()
        for point in result["points"]:
            x, y = columns[point["edge_step"]], rows[point["unit_step"]]
            candidate = point["accuracy"] >= 1.0 and point["spurious_paths"] == 0
            colour = colour_of.get(point["structure"], OTHER) if candidate else "white"
            hatch = None if candidate else ("////" if point["accuracy"] < 1.0 else "xx")
            if not candidate:
                hatched[hatch] += 1
            axes.add_patch(matplotlib.patches.Rectangle(
                (x - 0.5, y - 0.5), 1, 1, facecolor=colour, edgecolor="white" if candidate else HATCHED,
                hatch=hatch, linewidth=1.0,
            ))
        in_cell = {}
        for rule in RULE_MARKERS:
            pick = result["picks"].get(rule)
            if pick is not None:
                in_cell.setdefault((columns[pick["edge_step"]], rows[pick["unit_step"]]), []).append(rule)
        for (x, y), rules in in_cell.items():
            for offset, rule in zip(0.36 * (np.arange(len(rules)) - (len(rules) - 1) / 2), rules):
                marker, size, _ = RULE_MARKERS[rule]
                axes.plot(x + offset, y, marker=marker, markersize=size, color="black", markeredgecolor="white",
                          markeredgewidth=0.8, linestyle="none")
        axes.set(
            xlim=(-0.5, len(columns) - 0.5), ylim=(len(rows) - 0.5, -0.5),
            xticks=range(len(columns)), xticklabels=[f"{edge:g}" for edge in grid.edge_steps],
            yticks=range(len(rows)), yticklabels=[f"{unit:g}" for unit in grid.unit_steps],
            xlabel="$P_e$ (% of edges per step)", ylabel="$P_u$ (% of hidden units per step)",
        )
        axes.tick_params(length=0)
        for side in axes.spines.values():
            side.set_visible(False)

        handles, labels = [], []
        for structure, colour in colour_of.items():
            words = describe_structure(next(p for p in result["points"] if p["structure"] == structure),
                                       n_inputs, n_outputs)
            notes = ["the task's structure"] if scores[structure] == 1.0 else []
            pickers = [rule for rule in RULE_MARKERS if (result["picks"].get(rule) or {}).get("structure") == structure]
            if pickers:
                notes.append("picked by " + " and ".join([", ".join(pickers[:-1]), pickers[-1]] if len(pickers) > 1
                                                         else pickers))
            count = counts[structure]
            label = f"{count} network{'s' if count != 1 else ''}: {words}" + (f" ({'; '.join(notes)})" if notes else "")
            handles.append(matplotlib.patches.Patch(facecolor=colour, edgecolor="none"))
            labels.append(textwrap.fill(label, 50, subsequent_indent="  "))
        others = [structure for structure in counts if structure not in colour_of]
        if others:
            n_other = sum(counts[structure] for structure in others)
            handles.append(matplotlib.patches.Patch(facecolor=OTHER, edgecolor="none"))
            labels.append(textwrap.fill(f"{n_other} networks: {len(others)} other structures, "
                                        f"{min(counts[s] for s in others)} to {max(counts[s] for s in others)} "
                                        "networks each", 50, subsequent_indent="  "))
        for hatch, text in (("////", "keeps fewer than all output bits right"), ("xx", "has a spurious path")):
            if hatched[hatch]:
                handles.append(matplotlib.patches.Patch(facecolor="white", edgecolor=HATCHED, hatch=hatch))
                labels.append(f"{hatched[hatch]} networks: {text} (no rule picks it)")
        structure_legend = figure.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.43, 0.93),
                                         frameon=False, title="colour: the structure found (seed 0)",
                                         alignment="left", labelspacing=0.9)
        figure.add_artist(structure_legend)
        rule_handles = [
            plt.Line2D([], [], marker=marker, markersize=size, color="black", markeredgecolor="white",
                       linestyle="none")
            for marker, size, _ in RULE_MARKERS.values()
        ]
        figure.legend(rule_handles, [name for _, _, name in RULE_MARKERS.values()], loc="lower left",
                      bbox_to_anchor=(0.43, 0.07), frameon=False, title="marker: the network each rule picks",
                      alignment="left", ncol=2, columnspacing=1.2)
        trial = result["trial"]
        sizes = trial["hidden_layer_sizes"]
        layers = (f"{len(sizes)} hidden layers of {sizes[0]} units" if len(set(sizes)) == 1
                  else f"hidden layers of {', '.join(map(str, sizes))} units")
        figure.suptitle(f"Reused task [4, 1, 2, {trial['m']}], {layers}, seed {trial['seed']}: "
                        "one network per $P_u$, $P_e$", fontsize=11, x=0.5, y=0.985)
        figure.savefig(path, dpi=DPI)
        plt.close(figure)
