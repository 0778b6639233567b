"""How far module support can be trusted: support against the truth, on the authors' per-trial settings.

Reads the grids that ``python -m benchmarks.reference.run --mode grid`` cached
(no training). For every trial, its seed plays the user's seed and the
trials of the same task and architecture with the other seeds vote, as
``SculptingClassifierCV(n_seeds=4)`` does. Each selection rule picks a
network; every module of the picked structure gets its support
(:func:`sksculpt.model_selection.structure_support`) and is right when it is a
module of the expected module graph (the paper's reading: without the edges
that skip a level, and the reference's reading of the depth task on 1 or 2
hidden layers). Prints:

- a reliability table: support bin -> share of reported modules that are right;
- the warning's hit rates: for each level, the share of wrong and of right
  picks whose weakest module falls below it;
- the wrong picks by what support can see of them (:func:`wrong_pick_kinds`):
  right modules wrongly joined, modules beyond the graph that the seeds agree
  on, and weakly supported ones;
- each rule's successes per experiment, beside the oracle's;
- the high-support modules that are wrong, for a closer look;
- with ``--admit-decompositions``, every module beyond the expected graph
  judged by the task's truth table (:mod:`benchmarks.reference.decompositions`:
  admitted as another valid decomposition, or an error), and the tables and
  rates again with admitted modules and picks counted right.

Networks too shallow to hold the task's hierarchy (fewer hidden layers than
the task has levels of sub-functions) are counted apart: their networks agree
on a coarser structure, so support measures that agreement.

    python -m benchmarks.reference.run --mode grid --experiments exemplars non_separable_increasing_use
    python -m benchmarks.reference.calibration --n-sparsest 3
    python -m benchmarks.reference.calibration --admit-decompositions   # refits the picks it judges (minutes)
    python -m benchmarks.reference.calibration --held-out 100 101 102   # sculpts the tasks not yet cached
"""

import argparse
from collections import defaultdict
from dataclasses import fields

import networkx as nx
import numpy as np

from sksculpt import SculptingClassifierCV
from sksculpt.datasets import make_random_hierarchical_task
from sksculpt.metrics import expected_module_graph
from sksculpt.model_selection import SELECTION_RULES, module_descriptions, structure_support

from ..common.grid import Grid
from ..common.selection import add_spurious_paths, as_cv_results
from ..common.tasks import load_task
from . import random_tasks
from .decompositions import ADMITTED, ERROR, bits_needed, column_multiplicity, parse_description, refit_bottlenecks
from .decompositions import verdict as chart_verdict
from .fits import load_grid_results
from .masks import detect_authors_net
from .readings import expected_graph, rescore
from .settings import ReferenceTrial, classifier_params, group_by_trial, read_reference_rows, select_rows
from .support_tables import BINS, module_right, reliability, warning_rates, weakest, wrong_pick_kinds

#: The level the search warns below, ``SculptingClassifierCV``'s default ``min_support``.
WARNING_LEVEL = SculptingClassifierCV().min_support


def function_levels(graph):
    """Levels of sub-functions of a task's function graph: function nodes on its longest input-output path."""
    functions = {node for node, role in graph.nodes(data="role") if role == "function"}
    longest = {}
    for node in nx.topological_sort(graph):
        below = [longest[parent] for parent in graph.predecessors(node)]
        longest[node] = max(below, default=0) + (node in functions)
    return max(longest.values())


def task_of(task):
    """The truth table of a record's task: a reference task specification, or a held-out task's seed."""
    if isinstance(task, str):
        return load_task(task)
    return make_random_hierarchical_task(**random_tasks.TASK, random_state=task)


def load_results(cache_dir, experiments, grid=None):
    """The cached grid results of the given experiments' trials on ``grid`` (default: the paper's; trials not
    cached are left out)."""
    trials = group_by_trial(select_rows(read_reference_rows(), experiments))
    return load_grid_results(trials, Grid() if grid is None else grid, cache_dir)


def picked_record(cv_results, row, expected, **fields):
    """The record of one pick: its modules' support, and whether each is a module of ``expected``."""
    supported = structure_support(cv_results, cv_results["hierarchy"][row], n_sparsest=fields.pop("n_sparsest"))
    descriptions = module_descriptions(supported)
    return dict(fields, modules=[(supported.nodes[node]["support"], descriptions[node] in expected,
                                  descriptions[node]) for node in supported])


def held_out_random_states(n_seeds, random_state=0):
    """The ``random_state`` of each seed of ``SculptingClassifierCV(random_state=0, n_seeds=n_seeds)``.

    The search's own rule: ``random_state`` first, the others drawn from it.
    A refit checks that it gives the cached network (see :func:`admit_decompositions`).
    """
    rng = np.random.RandomState(random_state)
    return [random_state, *(int(seed) for seed in rng.randint(np.iinfo(np.int32).max, size=n_seeds - 1))]


def held_out_network(results, row, random_states):
    """How to refit the network of a held-out task's row: its ``SculptingClassifier`` arguments and structure."""
    from sksculpt import SculptingClassifierCV

    grid = SculptingClassifierCV().get_params()
    unit_steps, edge_steps = grid["unit_prune_steps"], grid["edge_prune_steps"]
    seeds = np.asarray(results["seed"])
    position = row - int(np.flatnonzero(seeds == seeds[row])[0])
    params = dict(random_tasks.SETTINGS, random_state=random_states[int(seeds[row])],
                  unit_prune_step=float(unit_steps[position // len(edge_steps)]),
                  edge_prune_step=float(edge_steps[position % len(edge_steps)]))
    return dict(params=params, structure=results["structure"][row],
                grid=dict(random_states=tuple(random_states), unit_steps=tuple(map(float, unit_steps)),
                          edge_steps=tuple(map(float, edge_steps))))


def grid_network(trial, point):
    """How to refit the network of a cached grid point: its ``SculptingClassifier`` arguments and structure."""
    reference = ReferenceTrial(**{field.name: trial[field.name] for field in fields(ReferenceTrial)
                                  if field.name in trial and field.name != "hidden_layer_sizes"},
                               hidden_layer_sizes=tuple(trial["hidden_layer_sizes"]))
    params = dict(classifier_params(reference), unit_prune_step=point["unit_step"],
                  edge_prune_step=point["edge_step"])
    grid = Grid()
    return dict(params=params, structure=point["structure"],
                grid=dict(random_states=(trial["seed"],), unit_steps=grid.unit_steps, edge_steps=grid.edge_steps))


def calibrate_held_out(outcomes, rules, n_sparsest, shape=random_tasks.TASK):
    """:func:`calibrate` for the cached outcomes of ``benchmarks.reference.held_out`` (random hierarchical tasks)."""
    records = []
    for outcome in outcomes:
        task = make_random_hierarchical_task(**shape, random_state=outcome["task"])
        expected = set(module_descriptions(expected_module_graph(task.graph, skip_edges="drop")).values())
        results, scores = random_tasks.as_cv_results(outcome), np.asarray(outcome["scores"])
        seeds = held_out_random_states(len(np.unique(results["seed"])))
        for seed in np.unique(results["seed"]):
            mine = random_tasks.as_user(results, seed)
            oracle = bool(np.any(scores[(results["seed"] == seed) & results["accurate"]] == 1.0))
            for name in rules:
                row = int(SELECTION_RULES[name](mine))
                records.append(picked_record(
                    mine, row, expected, n_sparsest=n_sparsest, experiment="held_out", task=outcome["task"],
                    depth=2, seed=int(seed), rule=name, success=scores[row] == 1.0, oracle=oracle,
                    shallow=len(random_tasks.SETTINGS["hidden_layer_sizes"]) < function_levels(task.graph),
                    network=held_out_network(results, row, seeds),
                ))
    return records


def calibrate(results, rules, n_sparsest):
    """One record per (trial, rule): success, the picked modules' support and whether each is right."""
    by_architecture = defaultdict(list)
    for result in results:
        add_spurious_paths(result)
        trial = result["trial"]
        by_architecture[(trial["experiment"], trial["task"], tuple(trial["hidden_layer_sizes"]))].append(result)
    records = []
    for (experiment, task, architecture), siblings in by_architecture.items():
        trial = siblings[0]["trial"]
        expected = set(module_descriptions(expected_graph(trial, "paper")).values())
        shallow = len(architecture) < function_levels(load_task(task).graph)
        for result in siblings:
            others = [other["points"] for other in sorted(siblings, key=lambda other: other["trial"]["seed"])
                      if other is not result]
            cv_results = as_cv_results(result["points"], others)
            oracle = any(point["score"] == 1.0 and point["accuracy"] >= 1.0 for point in result["points"])
            for name in rules:
                row = int(SELECTION_RULES[name](cv_results))
                records.append(picked_record(
                    cv_results, row, expected, n_sparsest=n_sparsest, experiment=experiment, task=task,
                    key=trial_key(result["trial"]),
                    depth=len(architecture), seed=result["trial"]["seed"], rule=name,
                    success=result["points"][row]["score"] == 1.0, oracle=oracle, shallow=shallow,
                    network=grid_network(result["trial"], result["points"][row]),
                ))
    return records


def admit_decompositions(records):
    """Judge every module of every pick that the expected graph lacks by the task's truth table; in place.

    Each such module is checked with :func:`~benchmarks.reference.decompositions.verdict`:
    its bound set is the inputs it holds or sees upstream, its outputs those it
    holds or reaches, and ``k`` its bottleneck, read from a refit of the
    picked network (the caches keep no units; a refit that does not give the
    cached structure leaves the pick "not reproduced"). Sets on each record
    ``verdicts`` (description to ``(verdict, mu, k)``) and ``verdict``:
    "right" (the pick shows the expected structure), "admitted" (every module
    it has beyond the expected graph is admitted: another valid decomposition),
    "error" (one is not), "error: its modules are right, its edges are not", or "not reproduced".
    """
    refits, tables = {}, {}
    for record in records:
        unexpected = sorted({description for _, right, description in record["modules"] if not right})
        record["verdicts"] = {}
        if not unexpected:
            record["verdict"] = "right" if record["success"] else "error: its modules are right, its edges are not"
            continue
        network = record["network"]
        key = (record["task"], network["structure"], repr(sorted(network["params"].items())))
        if record["task"] not in tables:
            tables[record["task"]] = task_of(record["task"])
        truth = tables[record["task"]]
        if key not in refits:
            refits[key] = refit_bottlenecks(network["params"], truth.data, truth.target, network["structure"],
                                            network.get("grid"))
        widths = refits[key]
        if widths is None:
            record["verdict"] = "not reproduced"
            continue
        for description in unexpected:
            bound, outputs = parse_description(description)
            kind, mu = chart_verdict(truth.data, truth.target, bound, outputs, widths[description])
            record["verdicts"][description] = (kind, mu, widths[description])
        admitted = all(kind in ADMITTED for kind, _, _ in record["verdicts"].values())
        record["verdict"] = "right" if record["success"] else "admitted" if admitted else ERROR
    return records


def print_decompositions(records, rules, level=WARNING_LEVEL):
    """The picks judged by the truth table: the reclassified tables and rates, and each wrong pick's check."""
    for name in rules:
        for depth_label, shallow in (("deep enough for the task", False), ("too shallow for the task, apart", True)):
            mine = [record for record in records if record["rule"] == name and record["shallow"] == shallow]
            if not mine:
                continue
            wrong = [record for record in mine if not record["success"]]
            print(f"\n## {name}: picks judged by the truth table ({len(mine)} trials {depth_label})")
            counts = defaultdict(int)
            for record in wrong:
                counts[record["verdict"]] += 1
            missed = [record for record in wrong if weakest(record) >= level]
            missed_admitted = sum(record["verdict"] == "admitted" for record in missed)
            errors = [record for record in wrong if record["verdict"].startswith(ERROR)]
            errors_warned = sum(weakest(record) < level for record in errors)
            print(f"Wrong picks: {len(wrong)}: " + ", ".join(f"{verdict} {count}" for verdict, count in
                                                            sorted(counts.items())))
            print(f"Wrong picks the warning (support < {level:g}) misses: {len(missed)}, of which admitted "
                  f"decompositions: {missed_admitted}")
            print(f"Warning (support < {level:g}) on wrong picks that are errors (not admitted; unjudged left out): "
                  f"{errors_warned} of {len(errors)}")
            print("\n| support | modules | in the expected graph | in it or admitted by the truth table |"
                  "\n|---|---|---|---|")
            for (label, count, right), (_, _, admitted) in zip(reliability(mine), reliability(mine, admitted=True)):
                shares = [f"{value}/{count} ({100 * value / count:.0f} %)" if count else "-"
                          for value in (right, admitted)]
                print(f"| {label} | {count} | {shares[0]} | {shares[1]} |")
            print("\n| warning below | wrong picks warned | right picks warned | errors warned "
                  "| right or admitted picks warned |\n|---|---|---|---|---|")
            for now, judged in zip(warning_rates(mine), warning_rates(mine, admitted=True)):
                print(f"| {now[0]:g} | {now[1]}/{now[2]} | {now[3]}/{now[4]} | {judged[1]}/{judged[2]} "
                      f"| {judged[3]}/{judged[4]} |")
            high = [(record, description, support) for record in mine
                    for support, right, description in record["modules"] if support >= 0.8 and not right]
            high_admitted = sum(module_right(record, False, description, True) for record, description, _ in high)
            print(f"\nModules with support >= 0.8 not in the expected graph: {len(high)}, admitted by the truth "
                  f"table: {high_admitted}")
            print("\nEach wrong pick (weakest support; per module beyond the expected graph: support, mu = "
                  "chart columns, k = bottleneck units, |S| = inputs read, verdict):")
            for record in sorted(wrong, key=lambda record: (str(record["task"]), record["depth"], record["seed"])):
                lowest = weakest(record)
                print(f"- {record['task']}, {record['depth']} hidden, seed {record['seed']}, weakest {lowest:.2f}"
                      f"{' (warned)' if lowest < level else ''}: {record['verdict'].upper()}")
                for description in sorted(record["verdicts"]):
                    kind, mu, k = record["verdicts"][description]
                    support = max(value for value, _, other in record["modules"] if other == description)
                    size = len(parse_description(description)[0])
                    print(f"    [{description}] support {support:.2f}: mu {mu} (needs {bits_needed(mu)} bits), "
                          f"k {k}, |S| {size}: {kind}")


def trial_key(record):
    """The cache key of a trial from its JSON record."""
    names = {field.name for field in fields(ReferenceTrial)}
    values = {name: value for name, value in record.items() if name in names}
    return ReferenceTrial(**dict(values, hidden_layer_sizes=tuple(values["hidden_layer_sizes"]))).key()


def authors_successes(keys, reference_results):
    """Trial key to whether one of the authors' own nets of that trial shows the structure (paper's reading)."""
    outcomes = {}
    for trial, picks in group_by_trial(read_reference_rows()).items():
        if trial.key() in keys:
            scored = rescore([detect_authors_net(row, reference_results) for row in picks], "paper")
            outcomes[trial.key()] = any(result["point"]["score"] == 1.0 for result in scored)
    return outcomes


def print_report(records, rules, authors=None):
    deep = [record for record in records if not record["shallow"]]
    shallow = [record for record in records if record["shallow"]]
    for name in rules:
        mine = [record for record in deep if record["rule"] == name]
        print(f"\n## {name}: reliability of module support ({len(mine)} trials deep enough for the task)")
        print("| support | modules | in the expected graph |\n|---|---|---|")
        for label, count, right in reliability(mine):
            share = f"{right}/{count} ({100 * right / count:.0f} %)" if count else "-"
            print(f"| {label} | {count} | {share} |")
        experiments = sorted({record["experiment"] for record in mine})
        print("\nBy experiment (right / modules):\n| support | " + " | ".join(
            f"{experiment} ({sum(record['experiment'] == experiment for record in mine)} trials)"
            for experiment in experiments) + " |\n|---|" + "---|" * len(experiments))
        columns = [reliability([record for record in mine if record["experiment"] == experiment])
                   for experiment in experiments]
        for row, (label, _, _) in enumerate(reliability([])):
            cells = [f"{column[row][2]}/{column[row][1]}" if column[row][1] else "-" for column in columns]
            print(f"| {label} | " + " | ".join(cells) + " |")
        print("\n| warning below | wrong picks warned | right picks warned |\n|---|---|---|")
        for level, wrong_warned, wrong, right_warned, right in warning_rates(mine):
            print(f"| {level:g} | {wrong_warned}/{wrong} | {right_warned}/{right} |")
        print(f"\n| wrong pick, by what support sees | picks | warned below {WARNING_LEVEL:g} |\n|---|---|---|")
        for kind, count, warned in wrong_pick_kinds(mine, WARNING_LEVEL):
            print(f"| {kind} | {count} | {warned} |")
        high_wrong = sorted({(record["task"], record["depth"], description, round(support, 2))
                             for record in mine for support, right, description in record["modules"]
                             if support >= 0.8 and not right})
        print(f"\nModules with support >= 0.8 not in the expected graph: {len(high_wrong)} "
              "(classes: values a sub-function of its inputs must take for its outputs, of 2^inputs)")
        for task, depth, description, support in high_wrong:
            inputs, outputs = parse_description(description)
            truth = task_of(task)
            classes = column_multiplicity(truth.data, truth.target, inputs, outputs)
            print(f"   {task}, {depth} hidden layers, [{description}], support {support}: "
                  f"classes {classes} of {2 ** len(inputs)}")
        mine_shallow = [record for record in shallow if record["rule"] == name]
        print(f"\nToo shallow for the task ({len(mine_shallow)} trials), apart:")
        for label, count, right in reliability(mine_shallow):
            print(f"  {label}: {right}/{count}")
    print("\n## Successes per experiment (trials deep enough and too shallow together)")
    experiments = sorted({record["experiment"] for record in records})
    own = " | authors' own nets" if authors is not None else ""
    print(f"| experiment | trials | oracle{own} | " + " | ".join(rules) + " |\n|---|---|---|"
          + "---|" * (len(rules) + bool(own)))
    for experiment in experiments:
        mine = [record for record in records if record["experiment"] == experiment]
        trials = [record for record in mine if record["rule"] == rules[0]]
        counts = [sum(record["success"] for record in mine if record["rule"] == name) for name in rules]
        theirs = f" | {sum(authors.get(record.get('key'), False) for record in trials)}" if own else ""
        print(f"| {experiment} | {len(trials)} | {sum(record['oracle'] for record in trials)}{theirs} | "
              + " | ".join(map(str, counts)) + " |")


def draw_reliability(records, rule, path):
    """Save the reliability diagram of ``rule``'s picks: share of right modules per support bin, with counts.

    With records judged by :func:`admit_decompositions`, a second bar per bin
    counts the modules the truth table admits as right too.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    deep = [r for r in records if r["rule"] == rule and not r["shallow"]]
    groups = [("deep enough: modules of the task's graph", reliability(deep), "C0")]
    if any("verdict" in record for record in deep):
        groups.append(("deep enough: or valid decompositions", reliability(deep, admitted=True), "C9"))
    groups.append(("too shallow (apart)", reliability([r for r in records if r["rule"] == rule and r["shallow"]]),
                   "C7"))
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    width = 0.8 / len(groups)
    for index, (label, rows, color) in enumerate(groups):
        offset = (index - (len(groups) - 1) / 2) * width
        shares = [right / count if count else 0.0 for _, count, right in rows]
        bars = ax.bar(np.arange(len(rows)) + offset, shares, width, color=color, label=label)
        for bar, (_, count, right) in zip(bars, rows):
            ax.annotate(f"{right}/{count}", (bar.get_x() + bar.get_width() / 2, bar.get_height() + 0.02),
                        ha="center", va="bottom", rotation=90, fontsize=8)
    ax.set_xticks(np.arange(len(BINS) - 1), [label for label, _, _ in reliability([])])
    ax.set_xlabel("support of a reported module")
    ax.set_ylabel("share right")
    ax.set_ylim(0, 1.75)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.legend(loc="upper left", ncol=1, fontsize=8, frameon=False)
    ax.set_title(f"Module support against the truth ({rule} picks)", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=150)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default="benchmarks/results/reference/grid")
    parser.add_argument("--experiments", nargs="+", default=["exemplars", "input_overlap_exp",
                                                             "increasing_hierarchical_levels",
                                                             "non_separable_increasing_use"])
    parser.add_argument("--rules", nargs="+", default=["relay_free_vote", "majority"], choices=list(SELECTION_RULES))
    parser.add_argument("--n-sparsest", type=int, default=3, help="networks per replicate that count (0: all)")
    parser.add_argument("--held-out", type=int, nargs="+", default=None, metavar="TASK",
                        help="instead: these cached tasks of benchmarks.reference.held_out (4 seeds, default shape)")
    parser.add_argument("--held-out-dir", default="benchmarks/results/held_out")
    parser.add_argument("--admit-decompositions", action="store_true",
                        help="judge every module beyond the expected graph by the task's truth table "
                             "(Ashenhurst-Curtis, k = the module's bottleneck; refits the picked networks that have "
                             "one, about a second each) and print the tables with admitted modules counted right")
    parser.add_argument("--figure", default=None, help="save the reliability diagram of the first rule here")
    parser.add_argument("--reference-results", default=None,
                        help="the results/ folder of a copy of the reference repository: count the authors' own "
                             "nets of the same trials beside the rules")
    args = parser.parse_args(argv)
    if args.held_out is not None:
        outcomes = random_tasks.run_tasks(args.held_out, 4, args.held_out_dir)
        records = calibrate_held_out(outcomes, args.rules, args.n_sparsest or None)
    else:
        results = rescore(load_results(args.cache_dir, set(args.experiments)), "paper")
        records = calibrate(results, args.rules, args.n_sparsest or None)
    authors = None
    if args.reference_results and args.held_out is None:
        authors = authors_successes({record["key"] for record in records}, args.reference_results)
    print_report(records, args.rules, authors)
    if args.admit_decompositions:
        print_decompositions(admit_decompositions(records), args.rules)
    if args.figure:
        draw_reliability(records, args.rules[0], args.figure)
    return records


if __name__ == "__main__":
    main()
