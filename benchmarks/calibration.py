"""How far module support can be trusted: support against the truth, on the authors' per-trial settings.

Reads the grids that ``python -m benchmarks.reference --mode grid`` cached
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
- each rule's successes per experiment, beside the oracle's;
- the high-support modules that are wrong, for a closer look.

Networks too shallow to hold the task's hierarchy (fewer hidden layers than
the task has levels of sub-functions) are counted apart: their networks agree
on a coarser structure, so support measures that agreement.

    python -m benchmarks.reference --mode grid --experiments exemplars non_separable_increasing_use
    python -m benchmarks.calibration --n-sparsest 3
"""

import argparse
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np

from sksculpt.model_selection import module_descriptions, structure_support
from sksculpt.model_selection._rules import SELECTION_RULES

from ._protocol import load_task
from ._readings import expected_graph, rescore
from ._selection import add_spurious_paths, as_cv_results

#: Support bins of the reliability table (left-closed; the last one includes 1).
BINS = (0.0, 0.25, 0.5, 0.8, 1.0)
#: Warning levels tried.
LEVELS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def function_levels(graph):
    """Levels of sub-functions of a task's function graph: function nodes on its longest input-output path."""
    functions = {node for node, role in graph.nodes(data="role") if role == "function"}
    longest = {}
    for node in nx.topological_sort(graph):
        below = [longest[parent] for parent in graph.predecessors(node)]
        longest[node] = max(below, default=0) + (node in functions)
    return max(longest.values())


def load_results(cache_dir, experiments):
    """The cached grid results of the given experiments."""
    results = [json.loads(path.read_text()) for path in sorted(Path(cache_dir).glob("*.json"))]
    return [result for result in results if result["trial"]["experiment"] in experiments]


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
                supported = structure_support(cv_results, cv_results["hierarchy"][row], n_sparsest=n_sparsest)
                descriptions = module_descriptions(supported)
                records.append(dict(
                    experiment=experiment, task=task, depth=len(architecture), seed=result["trial"]["seed"],
                    rule=name, success=result["points"][row]["score"] == 1.0, oracle=oracle, shallow=shallow,
                    modules=[(supported.nodes[node]["support"], descriptions[node] in expected, descriptions[node])
                             for node in supported],
                ))
    return records


def reliability(records):
    """Rows of (bin, modules, right) over the given records' modules."""
    rows = []
    for low, high in zip(BINS[:-1], BINS[1:]):
        inside = [right for record in records for support, right, _ in record["modules"]
                  if low <= support < high or (high == 1.0 and support == 1.0)]
        rows.append((f"[{low:g}, {high:g}{']' if high == 1.0 else ')'}", len(inside), sum(inside)))
    return rows


def warning_rates(records):
    """Rows of (level, wrong picks warned / wrong picks, right picks warned / right picks)."""
    rows = []
    for level in LEVELS:
        weakest = [(min(support for support, _, _ in record["modules"]), record["success"]) for record in records]
        wrong = [value < level for value, success in weakest if not success]
        right = [value < level for value, success in weakest if success]
        rows.append((level, sum(wrong), len(wrong), sum(right), len(right)))
    return rows


def print_report(records, rules):
    deep = [record for record in records if not record["shallow"]]
    shallow = [record for record in records if record["shallow"]]
    for name in rules:
        mine = [record for record in deep if record["rule"] == name]
        print(f"\n## {name}: reliability of module support ({len(mine)} trials deep enough for the task)")
        print("| support | modules | in the expected graph |\n|---|---|---|")
        for label, count, right in reliability(mine):
            share = f"{right}/{count} ({100 * right / count:.0f} %)" if count else "-"
            print(f"| {label} | {count} | {share} |")
        print("\n| warning below | wrong picks warned | right picks warned |\n|---|---|---|")
        for level, wrong_warned, wrong, right_warned, right in warning_rates(mine):
            print(f"| {level:g} | {wrong_warned}/{wrong} | {right_warned}/{right} |")
        high_wrong = sorted({(record["task"], record["depth"], description, round(support, 2))
                             for record in mine for support, right, description in record["modules"]
                             if support >= 0.8 and not right})
        print(f"\nModules with support >= 0.8 not in the expected graph: {len(high_wrong)}")
        for entry in high_wrong:
            print("  ", *entry)
        mine_shallow = [record for record in shallow if record["rule"] == name]
        print(f"\nToo shallow for the task ({len(mine_shallow)} trials), apart:")
        for label, count, right in reliability(mine_shallow):
            print(f"  {label}: {right}/{count}")
    print("\n## Successes per experiment (trials deep enough and too shallow together)")
    experiments = sorted({record["experiment"] for record in records})
    print("| experiment | trials | oracle | " + " | ".join(rules) + " |\n|---|---|---|" + "---|" * len(rules))
    for experiment in experiments:
        mine = [record for record in records if record["experiment"] == experiment]
        trials = [record for record in mine if record["rule"] == rules[0]]
        counts = [sum(record["success"] for record in mine if record["rule"] == name) for name in rules]
        print(f"| {experiment} | {len(trials)} | {sum(record['oracle'] for record in trials)} | "
              + " | ".join(map(str, counts)) + " |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default="benchmarks/results/reference/grid")
    parser.add_argument("--experiments", nargs="+", default=["exemplars", "input_overlap_exp",
                                                             "increasing_hierarchical_levels",
                                                             "non_separable_increasing_use"])
    parser.add_argument("--rules", nargs="+", default=["relay_free_vote", "majority"], choices=list(SELECTION_RULES))
    parser.add_argument("--n-sparsest", type=int, default=3, help="networks per replicate that count (0: all)")
    args = parser.parse_args(argv)
    results = rescore(load_results(args.cache_dir, set(args.experiments)), "paper")
    records = calibrate(results, args.rules, args.n_sparsest or None)
    print_report(records, args.rules)
    return records


if __name__ == "__main__":
    main()
