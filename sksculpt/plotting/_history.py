"""Accuracy and density along the pruning steps of a fit."""

from collections.abc import Sequence

import numpy as np

from ._fitted import fitted_step
from ._matplotlib import check_axes, import_pyplot, lighten
from ._readability import PAGE_WIDTH_INCHES, axes_width_inches, figure_width_inches, text_scale, text_width

#: How each stage of ``sculpt_history_`` is named and shaded.
STAGES = {
    "dense": ("dense", "#7f7f7f"),
    "units": ("unit pruning", "#1f77b4"),
    "edges": ("edge pruning", "#ff7f0e"),
}
ACCEPTED_COLOR = "#2ca02c"
REJECTED_COLOR = "#d62728"
DENSITY_COLOR = "#6a3d9a"
#: The fields of a ``SculptRecord`` that the plot reads.
RECORD_FIELDS = ("stage", "accuracy", "accepted", "density")
#: Font sizes (points, on a figure at most one page column wide; see
#: :func:`~sksculpt.plotting._readability.text_scale`) of the title, the axis
#: labels and ticks, and the stage names and legend.
TITLE_SIZE, AXIS_SIZE, NOTE_SIZE = 12.0, 10.0, 9.0


def kept_density(densities, accepted, initial=1.0):
    """Density of the network kept after each step.

    An accepted step keeps the network it produced; a rejected one restores
    the last accepted network. Before any step is accepted the dense network
    is kept.

    Parameters
    ----------
    densities : array-like of float
        Density of the network each step produced.
    accepted : array-like of bool
        Whether each step was accepted.
    initial : float, default=1.0
        Density of the dense network, in the units of ``densities``.

    Returns
    -------
    kept : ndarray of float
        ``densities[k]`` with ``k`` the last accepted step up to each step
        (``initial`` before the first one).

    Examples
    --------
    >>> kept_density([1.0, 0.4, 0.1, 0.2], [True, True, False, True]).tolist()
    [1.0, 0.4, 0.4, 0.2]
    """
    kept, current = [], float(initial)
    for density, is_accepted in zip(densities, accepted):
        current = float(density) if is_accepted else current
        kept.append(current)
    return np.array(kept)


def stage_runs(stages):
    """Consecutive runs of equal stages.

    Parameters
    ----------
    stages : sequence of str
        Stage of each step.

    Returns
    -------
    runs : list of tuple
        ``(stage, first step, last step)`` for every run, in order.

    Examples
    --------
    >>> stage_runs(["dense", "units", "units", "edges"])
    [('dense', 0, 0), ('units', 1, 2), ('edges', 3, 3)]
    """
    runs = []
    for step, stage in enumerate(stages):
        if runs and runs[-1][0] == stage:
            runs[-1] = (stage, runs[-1][1], step)
        else:
            runs.append((stage, step, step))
    return runs


def check_history(records):
    """Check that a ``sculpt_history_`` holds records to draw.

    Parameters
    ----------
    records : sequence of SculptRecord
        One record per step of sculpting.

    Returns
    -------
    records : list
        The records.

    Raises
    ------
    TypeError
        If ``records`` is not a sequence, or an entry lacks a field of
        :class:`~sksculpt._records.SculptRecord` that the plot reads.
    ValueError
        If ``records`` is empty.
    """
    if not isinstance(records, Sequence) or isinstance(records, str):
        raise TypeError(
            "sculpt_history_ must be a list of SculptRecord, one per step of sculpting; "
            f"got {type(records).__name__}."
        )
    if not records:
        raise ValueError(
            "sculpt_history_ is empty, so there is no step to draw; fit the estimator, which "
            "records at least the dense round."
        )
    for step, record in enumerate(records):
        missing = [field for field in RECORD_FIELDS if not hasattr(record, field)]
        if missing:
            raise TypeError(
                f"sculpt_history_[{step}] ({type(record).__name__}) lacks {', '.join(missing)}; "
                "every entry must be a SculptRecord, as fit writes them."
            )
    return list(records)


def plot_sculpt_history(estimator, *, ax=None):
    """Draw the check accuracy and the density of every step of sculpting.

    One point per record of ``sculpt_history_``: the dense round, then each
    unit- and edge-pruning step, on a background shaded by stage. Accuracy
    (left axis) is a green dot for an accepted step and a red cross for a
    rejected one; steps rejected untried (a target of 100 % or more) are red
    triangles on the bottom edge. The dashed line is the bar the edge-pruning
    steps had to reach (``acceptance_threshold_``; none where the paired test of
    sampled data accepted them). The
    density (right axis, log scale) is the line of the network kept after each
    step, with hollow circles where a rejected step had pruned to.

    Parameters
    ----------
    estimator : SculptingClassifier, SculptingClassifierCV or Pipeline
        A fitted classifier, or a fitted Pipeline ending in one.
    ax : matplotlib.axes.Axes, default=None
        Axes for the accuracy; the density goes on its twin. None makes a new
        figure.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The accuracy axes.
    density_ax : matplotlib.axes.Axes
        The density axes, a twin of ``ax`` sharing its x axis.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        If ``estimator`` (or a Pipeline's last step) has no ``sculpt_history_``,
        such as a ``ModuleDetector``, or an entry of it is not a record.
    ValueError
        If ``sculpt_history_`` is empty.
    sklearn.exceptions.NotFittedError
        If ``estimator`` is not fitted.

    See Also
    --------
    plot_modules : The network the last accepted step left.

    Notes
    -----
    The density of a step is the share of all weights left in the network it
    produced (``SculptRecord.density``), drawn in percent.
    """
    plt = import_pyplot("plot_sculpt_history")
    from matplotlib.ticker import LogLocator, NullFormatter

    estimator = fitted_step(
        estimator, "plot_sculpt_history", ("sculpt_history_",),
        "a fitted SculptingClassifier or SculptingClassifierCV",
    )
    records = check_history(estimator.sculpt_history_)
    steps = np.arange(len(records))
    accuracy = np.array([record.accuracy for record in records], dtype=float)
    accepted = np.array([record.accepted for record in records], dtype=bool)
    tried = 100.0 * np.array([record.density for record in records])
    kept = kept_density(tried, accepted, initial=100.0)

    check_axes(ax, "plot_sculpt_history")
    if ax is None:
        width = float(np.clip(0.12 * len(records) + 4.0, 6.5, PAGE_WIDTH_INCHES))
        _, ax = plt.subplots(figsize=(width, 4.4), layout="constrained")
    scale = text_scale(ax)
    note_size = NOTE_SIZE * scale
    runs = stage_runs([record.stage for record in records])
    for (stage, first, last), row in zip(runs, _stage_name_rows(ax, runs, len(records), note_size)):
        name, color = STAGES.get(stage, (stage, "#7f7f7f"))
        ax.axvspan(
            first - 0.5, last + 0.5, facecolor=lighten(color, 0.85), edgecolor="none", zorder=0
        )
        ax.annotate(
            name, (first - 0.5, 1.0), xytext=(0.2 * note_size, (0.25 + 1.25 * row) * note_size),
            textcoords="offset points", color=color, ha="left", va="bottom", fontsize=note_size,
            xycoords=ax.get_xaxis_transform(),
        )
    n_rows = 1 + max(_stage_name_rows(ax, runs, len(records), note_size))

    untried = np.isnan(accuracy)
    tried_rejected = ~accepted & ~untried
    ax.scatter(
        steps[accepted], accuracy[accepted], marker="o", s=28, color=ACCEPTED_COLOR, zorder=3,
        label="accepted",
    )
    ax.scatter(
        steps[tried_rejected], accuracy[tried_rejected], marker="x", s=32, color=REJECTED_COLOR,
        zorder=3, label="rejected",
    )
    if untried.any():
        ax.scatter(
            steps[untried], np.zeros(untried.sum()), marker="v", s=30, color=REJECTED_COLOR,
            transform=ax.get_xaxis_transform(), clip_on=False, zorder=3,
            label="rejected untried (target ≥ 100 %)",
        )
    threshold = getattr(estimator, "acceptance_threshold_", None)
    if threshold is not None and np.isnan(threshold):  # the paired test of sampled data: no single bar
        threshold = None
    if threshold is not None:
        ax.axhline(
            threshold, color="#555555", linestyle="--", linewidth=1, zorder=1,
            label="accuracy threshold",
        )
    lowest = np.nanmin(accuracy) if not untried.all() else 0.0
    lowest = min(lowest, 1.0 if threshold is None else threshold)
    span = max(1.0 - lowest, 0.01)
    ax.set_ylim(lowest - 0.08 * span, 1.0 + 0.06 * span)
    ax.set_xlim(-0.5, len(records) - 0.5)
    ax.set_xlabel("step (one training round each)", fontsize=AXIS_SIZE * scale)
    ax.set_ylabel("check accuracy", fontsize=AXIS_SIZE * scale)
    ax.tick_params(labelsize=AXIS_SIZE * scale)
    ax.xaxis.get_major_locator().set_params(integer=True)

    density_ax = ax.twinx()
    density_ax.plot(steps, kept, color=DENSITY_COLOR, linewidth=1.6, label="density kept")
    rejected = ~accepted
    density_ax.scatter(
        steps[rejected], tried[rejected], marker="o", s=22, facecolors="none",
        edgecolors=DENSITY_COLOR, label="density tried, rejected",
    )
    density_ax.set_yscale("log")
    drawn = np.concatenate([kept, tried[rejected]])
    density_ax.set_ylim(drawn[drawn > 0].min() / 1.3, 130.0)
    density_ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    density_ax.yaxis.set_major_formatter("{x:g}")
    density_ax.yaxis.set_minor_formatter(NullFormatter())
    density_ax.set_ylabel("density (% of weights)", color=DENSITY_COLOR, fontsize=AXIS_SIZE * scale)
    density_ax.tick_params(axis="y", colors=DENSITY_COLOR, labelsize=AXIS_SIZE * scale)

    handles, names = (
        sum(pair, []) for pair in zip(ax.get_legend_handles_labels(), density_ax.get_legend_handles_labels())
    )
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14),
        ncol=_legend_columns(names, note_size, 72 * figure_width_inches(ax)),
        fontsize=note_size, frameon=False,
    )
    ax.set_title(
        f"Sculpting: {accepted.sum()} of {len(records)} steps accepted, "
        f"{kept[-1]:.2f} % of the weights left",
        pad=(0.8 + 1.25 * n_rows) * note_size, fontsize=TITLE_SIZE * scale,
    )
    return ax, density_ax


def _legend_columns(names, size, room):
    """The most columns, up to 3, in which a legend of ``names`` at ``size`` points fits ``room`` points.

    matplotlib fills a legend's columns one after the other; each column is
    as wide as its longest name plus its markers (2 font sizes) and their
    gaps (0.8 and 2 font sizes).
    """
    widths = [text_width(name, size) for name in names]
    for ncol in (3, 2):
        rows = -(-len(widths) // ncol)
        columns = [widths[start:start + rows] for start in range(0, len(widths), rows)]
        if sum(max(column) + 2.8 * size for column in columns) + 2 * size * (len(columns) - 1) <= 0.95 * room:
            return ncol
    return 1


def _stage_name_rows(ax, runs, n_steps, size):
    """The row (0 the lowest) of each stage's name above the axes, so that no two names overlap.

    Each name starts at its stage's first step; a name that would run into
    the one before it in a row goes up a row.
    """
    step_points = 72 * axes_width_inches(ax) / max(n_steps, 1)
    row_ends, rows = [], []
    for stage, first, _ in runs:
        start = first * step_points  # the axes begin half a step before step 0
        row = next((row for row, end in enumerate(row_ends) if end <= start), len(row_ends))
        end = start + text_width(STAGES.get(stage, (stage,))[0], size) + 0.6 * size
        if row == len(row_ends):
            row_ends.append(end)
        else:
            row_ends[row] = end
        rows.append(row)
    return rows
