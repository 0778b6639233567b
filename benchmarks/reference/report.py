"""Summaries of the reference's trials (at the authors' picks, over the grid, per seed), beside the poster's."""

import re
from collections import defaultdict

import numpy as np

from ..common.facts import PAPER_SUCCESS, PAPER_WIDTHS, POSTER_EXEMPLARS
from ..common.selection import SELECTION_RULES, add_spurious_paths

#: The x axis of each experiment: its name and how to read it off a result's ``trial`` dict.
AXES = {
    "exemplars": ("task", lambda trial: trial["task"] + ("" if trial["hidden_layer_sizes"][0] in PAPER_WIDTHS
                                                         else " (widths 8-20)")),
    "input_overlap_exp": ("overlap o", lambda trial: trial["overlap"]),
    "non_separable_increasing_use": ("use m", lambda trial: trial["m"]),
    "increasing_hierarchical_levels": ("hidden layers", lambda trial: len(trial["hidden_layer_sizes"])),
}

#: Finer groupings: the axis value followed by one more field of the trial.
SPLITS = {
    "none": None,
    "width": lambda trial: f"width {trial['hidden_layer_sizes'][0]}",
    "depth": lambda trial: f"depth {len(trial['hidden_layer_sizes'])}",
    "m": lambda trial: f"m {trial['m']}",
    "seed": lambda trial: f"seed {trial['seed']}",
}


#: Task families whose even outputs copy one sub-function and odd outputs another.
EVEN_ODD_FAMILIES = ("reused", "overlap", "depth")


def describe_picked(result):
    """Progress text of a picked fit."""
    point = result["point"]
    return (f"score {point['score']:.3f}, accuracy {point['accuracy']:.3f}, density {100 * point['density']:.2f} %, "
            f"units {point['units_left']}, {point['seconds']:.1f} s")


def describe_grid(result):
    """Progress text of a grid trial."""
    best = max(point["score"] for point in result["points"])
    return f"best score {best:.3f}, {result['seconds']:.1f} s"


def _group_order(group):
    """Sort key of a group: numbers inside text labels compare as numbers ("m 2" before "m 12")."""
    return tuple(
        tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))
        if isinstance(value, str) else (value,)
        for value in group
    )


def _groups(results, experiment, split):
    """``(group, results)`` pairs along the experiment's axis (and the split's field), in axis order."""
    axis, finer = AXES[experiment][1], SPLITS[split]
    groups = defaultdict(list)
    for result in results:
        value = axis(result["trial"])
        groups[(value, finer(result["trial"])) if finer else (value,)].append(result)
    return sorted(groups.items(), key=lambda item: _group_order(item[0]))


def _trial_id(result):
    trial = result["trial"]
    return trial["experiment"], trial["task"], tuple(trial["hidden_layer_sizes"]), trial["seed"]


def summarise_picked(results, experiment, split="none"):
    """One row per value of an experiment's axis: successes and densities at the authors' picks.

    A trial succeeds when a net sculpted at one of its picks matches the
    task's structure exactly (hierarchy match score 1.0).

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks.reference.fits.fit_picked` results of one experiment.
    experiment : str
        Key of :data:`AXES`.
    split : str, default="none"
        Key of :data:`SPLITS`: group further by width, depth, m or seed.

    Returns
    -------
    rows : list of dict
        Sorted by group: ``group``, ``trials``, ``successes``, ``picks``
        (rows fitted), ``pick_successes``, ``accurate`` (picks whose net
        keeps every output bit right; None when no accuracy is known), ``density`` and ``score`` (medians
        over picks), ``seconds`` (summed fit time) and ``paper`` (the poster's
        ``(successes, trials)`` where it reports one, else None).
    """
    rows = []
    for group, members in _groups(results, experiment, split):
        trials = defaultdict(list)
        for result in members:
            trials[_trial_id(result)].append(result["point"]["score"] == 1.0)
        points = [result["point"] for result in members]
        accuracies = [point["accuracy"] for point in points if point["accuracy"] is not None]
        rows.append(dict(
            group=" ".join(map(str, group)),
            trials=len(trials),
            successes=sum(any(picks) for picks in trials.values()),
            picks=len(points),
            pick_successes=sum(point["score"] == 1.0 for point in points),
            accurate=sum(accuracy == 1.0 for accuracy in accuracies) if accuracies else None,
            density=float(np.median([point["density"] for point in points])),
            score=float(np.median([point["score"] for point in points])),
            seconds=sum(point["seconds"] for point in points if point["seconds"] is not None),
            paper=PAPER_SUCCESS.get(group[0]) if experiment == "exemplars" and len(trials) == 36 else None,
        ))
    return rows


def picked_table(rows, axis_label):
    """The rows of :func:`summarise_picked` as a Markdown table."""
    header = [axis_label, "successes / trials", "poster", "picks right", "picks accurate",
              "median density", "median score", "fit time"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        paper = f"{row['paper'][0]}/{row['paper'][1]}" if row["paper"] else "-"
        accurate = "-" if row["accurate"] is None else f"{row['accurate']}/{row['picks']}"
        lines.append(
            f"| {row['group']} | {row['successes']}/{row['trials']} | {paper} | "
            f"{row['pick_successes']}/{row['picks']} | {accurate} | "
            f"{100 * row['density']:.2f} % | {row['score']:.3f} | {row['seconds']:.0f} s |"
        )
    return "\n".join(lines)


def find_exemplar(results, exemplar):
    """The picked result of a poster exemplar, or None when it was not run."""
    for result in results:
        trial, point = result["trial"], result["point"]
        if (trial["task"], tuple(trial["hidden_layer_sizes"]), trial["seed"], point["unit_step"],
                point["edge_step"]) == (exemplar.task, exemplar.hidden_layer_sizes, exemplar.seed,
                                        exemplar.unit_prune_step, exemplar.edge_prune_step):
            return result
    return None


def exemplar_table(results):
    """A Markdown table of the poster's exemplar nets beside the same settings sculpted here."""
    header = ["figure", "task", "architecture", "seed", "P_u / P_e", "score", "density (poster)",
              "units left (poster)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for exemplar in POSTER_EXEMPLARS:
        result = find_exemplar(results, exemplar)
        if result is None:
            continue
        point = result["point"]
        poster_units = list(exemplar.units_left) if exemplar.units_left else "-"
        lines.append(
            f"| {exemplar.figure} | {exemplar.task} | {list(exemplar.hidden_layer_sizes)} | {exemplar.seed} | "
            f"{exemplar.unit_prune_step:g} / {exemplar.edge_prune_step:g} | {point['score']:.3f} | "
            f"{100 * point['density']:.2f} % ({100 * exemplar.density:.2f} %) | "
            f"{point['units_left']} ({poster_units}) |"
        )
    return "\n".join(lines)


def pick_with_sibling_seeds(results, rules=SELECTION_RULES):
    """Make every grid trial's ``picks`` again, the trials of its other seeds voting; in place.

    A trial's siblings are the trials of ``results`` with the same experiment,
    task and architecture and another seed, as ``SculptingClassifierCV(n_seeds=...)``
    sculpts them; each rule picks among the trial's own points. Without
    siblings in ``results`` (a run of one seed) a truth-free rule sees one seed.
    Every point's ``spurious_paths`` is set first (see
    :func:`~benchmarks.common.selection.add_spurious_paths`).

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks.reference.fits.grid_trial` results.
    rules : dict, default=SELECTION_RULES

    Returns
    -------
    results : list of dict
    """
    by_architecture = defaultdict(list)
    for result in results:
        add_spurious_paths(result)
        trial = result["trial"]
        by_architecture[(trial["experiment"], trial["task"], tuple(trial["hidden_layer_sizes"]))].append(result)
    for siblings in by_architecture.values():
        for result in siblings:
            others = [other["points"] for other in sorted(siblings, key=lambda other: other["trial"]["seed"])
                      if other is not result]
            result["picks"] = {name: rule(result["points"], others) for name, rule in rules.items()}
    return results


def summarise_grid(results, experiment, split="none"):
    """One row per value of an experiment's axis: successes of the authors' picks and of each rule on the grid.

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks.reference.fits.grid_trial` results of one experiment.
    experiment : str
        Key of :data:`AXES`.
    split : str, default="none"
        Key of :data:`SPLITS`: group further by width, depth, m or seed.

    Returns
    -------
    rows : list of dict
        Sorted by group: ``group``, ``trials``, ``authors`` (trials where a
        grid point at one of the authors' picks scores 1.0) and, per
        selection rule, the trials whose picked point scores 1.0.
    """
    rows = []
    for group, members in _groups(results, experiment, split):
        row = dict(group=" ".join(map(str, group)), trials=len(members))
        row["authors"] = sum(any(point is not None and point["score"] == 1.0 for point in result["authors"])
                             for result in members)
        for rule in SELECTION_RULES:
            row[rule] = sum(result["picks"][rule] is not None and result["picks"][rule]["score"] == 1.0
                            for result in members)
        rows.append(row)
    return rows


def grid_table(rows, axis_label):
    """The rows of :func:`summarise_grid` as a Markdown table (successes / trials)."""
    columns = ["authors", *SELECTION_RULES]
    header = [axis_label, *(f"{column} pick" for column in columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append(f"| {row['group']} | " + " | ".join(f"{row[column]}/{row['trials']}" for column in columns) + " |")
    return "\n".join(lines)


def _outputs_label(outputs, n_outputs, even_odd):
    """How a module's outputs read: all of them, the even or odd ones (even/odd tasks), or their indices."""
    if len(outputs) == n_outputs and n_outputs > 1:
        return "all outputs"
    if even_odd and outputs == list(range(0, n_outputs, 2)):
        return "even outputs"
    if even_odd and outputs == list(range(1, n_outputs, 2)):
        return "odd outputs"
    return " ".join(f"y{index}" for index in outputs)


def structure_of(result):
    """A detected module graph as text, the same for nets that differ only in their number of outputs.

    Each module reads ``{inputs, outputs}``: its held inputs (``x0``...) and
    outputs (``all outputs``; ``even outputs`` / ``odd outputs`` on the
    reused, overlap and depth tasks, where the even outputs copy one
    sub-function and the odd ones another; else ``y0``...), ``{hidden}`` for
    a module holding neither. Modules are sorted, then the module edges.

    Parameters
    ----------
    result : dict
        A picked or authors result: ``trial``, ``modularity`` and ``point``
        with ``modules`` and ``module_edges``.

    Returns
    -------
    structure : str
    """
    n_outputs = result["modularity"][-1]
    even_odd = result["trial"]["family"] in EVEN_ODD_FAMILIES
    labels = []
    for inputs, outputs in result["point"]["modules"]:
        items = [f"x{index}" for index in inputs.split(",") if index]
        if outputs:
            items.append(_outputs_label([int(index) for index in outputs.split(",")], n_outputs, even_odd))
        labels.append("{" + (" ".join(items) or "hidden") + "}")
    edges = sorted(f"{labels[source]} -> {labels[target]}" for source, target in result["point"]["module_edges"])
    return " ".join(sorted(labels)) + ("; " + ", ".join(edges) if edges else "")


def summarise_structures(results, experiment, split="none", top=3):
    """The most common detected structures in each group of an experiment's axis.

    Parameters
    ----------
    results : list of dict
        Picked or authors results of one experiment.
    experiment : str
        Key of :data:`AXES`.
    split : str, default="none"
        Key of :data:`SPLITS`.
    top : int, default=3
        Structures listed per group, most picks first.

    Returns
    -------
    rows : list of dict
        ``group``, ``picks`` (nets in the group), ``structure``, ``score``,
        ``count`` (nets with that structure) and ``trials`` (trials with at
        least one such net), ``top`` rows per group, groups in axis order.
    """
    rows = []
    for group, members in _groups(results, experiment, split):
        nets, trials, scores = defaultdict(int), defaultdict(set), {}
        for result in members:
            structure = structure_of(result)
            nets[structure] += 1
            trials[structure].add(_trial_id(result))
            scores[structure] = result["point"]["score"]
        for structure in sorted(nets, key=lambda name: (-nets[name], name))[:top]:
            rows.append(dict(group=" ".join(map(str, group)), picks=len(members), structure=structure,
                             score=scores[structure], count=nets[structure], trials=len(trials[structure])))
    return rows


def structure_table(rows, axis_label):
    """The rows of :func:`summarise_structures` as a Markdown table."""
    header = [axis_label, "nets", "trials", "score", "modules; module edges"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append(f"| {row['group']} | {row['count']}/{row['picks']} | {row['trials']} | {row['score']:.3f} | "
                     f"{row['structure']} |")
    return "\n".join(lines)


def summarise_seeds(exemplar, results, authors=None):
    """Per-seed scores and structures of one exemplar, and the seeds that match.

    Parameters
    ----------
    exemplar : PosterExemplar
    results : sequence of dict
        :func:`~benchmarks.reference.fits.fit_picked` results of the exemplar's
        row, one per seed.
    authors : dict or None, default=None
        :func:`~benchmarks.reference.masks.detect_authors_net` result of the
        exemplar's row; None when the authors' nets are not at hand.

    Returns
    -------
    summary : dict
        JSON-serialisable: ``figure``, ``task``, ``hidden_layer_sizes``,
        ``seed`` (the exemplar's), ``pick`` (``"P_u / P_e"``), ``seeds`` (one
        dict per result: ``seed``, ``score``, ``density``, ``structure``,
        ``authors_structure`` (True / False, None without ``authors``)),
        ``exact`` (seeds scoring 1.0), ``authors_score`` and
        ``authors_structure`` (None without ``authors``) and ``like_authors``
        (seeds whose structure is the authors' net's; None without ``authors``).
    """
    reference = structure_of(authors) if authors is not None else None
    seeds = []
    for result in results:
        structure = structure_of(result)
        seeds.append(dict(
            seed=result["trial"]["seed"],
            score=result["point"]["score"],
            density=result["point"]["density"],
            structure=structure,
            authors_structure=None if reference is None else structure == reference,
        ))
    return dict(
        figure=exemplar.figure,
        task=exemplar.task,
        hidden_layer_sizes=list(exemplar.hidden_layer_sizes),
        seed=exemplar.seed,
        pick=f"{exemplar.unit_prune_step:g} / {exemplar.edge_prune_step:g}",
        seeds=seeds,
        exact=[entry["seed"] for entry in seeds if entry["score"] == 1.0],
        authors_score=None if authors is None else authors["point"]["score"],
        authors_structure=reference,
        like_authors=None if reference is None else [entry["seed"] for entry in seeds if entry["authors_structure"]],
    )


def seed_list(seeds):
    return ", ".join(map(str, seeds)) if seeds else "none"


def seeds_table(summaries):
    """The summaries of :func:`summarise_seeds` as a Markdown table, one row per exemplar."""
    with_authors = any(summary["authors_structure"] is not None for summary in summaries)
    seed_names = [entry["seed"] for entry in summaries[0]["seeds"]] if summaries else []
    header = ["figure", "task", "architecture", "P_u / P_e", *(f"seed {seed}" for seed in seed_names),
              "seeds scoring 1.0"]
    if with_authors:
        header += ["authors' net: score", "seeds with the authors' net's structure"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for summary in summaries:
        cells = [summary["figure"], summary["task"], str(summary["hidden_layer_sizes"]), summary["pick"]]
        cells += [f"{entry['score']:.3f} ({100 * entry['density']:.2f} %)" + ("*" if entry["seed"] == summary["seed"]
                                                                              else "")
                  for entry in summary["seeds"]]
        cells.append(seed_list(summary["exact"]))
        if with_authors:
            cells += [f"{summary['authors_score']:.3f}", seed_list(summary["like_authors"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
