"""The authors' own sculpted nets: read their masks and detect modules in them with sksculpt.

The reference implementation keeps the final masks of every trial of its
``shell/`` in its ``results/`` folder (pickled lists of torch tensors, one per
weight layer, shaped ``(n_out, n_in)``, saved on a GPU). Detecting modules in
them with :class:`~sksculpt.detection.ModuleDetector` and scoring them like
sksculpt's own nets tells apart differences in the nets from differences in
detection or in the success criterion. The ``results/`` folder is read from a
local copy of the reference repository; nothing of it is kept here.
"""

import io
import pickle
from pathlib import Path

import torch

from sksculpt.detection import ModuleDetector
from sksculpt.metrics import hierarchy_match_score

from ..common.points import describe_hierarchy, units_left
from ..common.tasks import load_task
from .fits import trial_record

#: The folder of ``results/`` of each experiment, where it differs from the experiment's name.
RESULTS_FOLDERS = {"exemplars": "exemplar"}


def mask_path(row, results_dir):
    """Where the reference keeps the final masks of a row's trial at its pick.

    Parameters
    ----------
    row : ReferenceRow
    results_dir : str or path-like
        The ``results/`` folder of a copy of the reference repository.

    Returns
    -------
    path : pathlib.Path
    """
    trial = row.trial
    architecture = [row.modularity[0], *trial.hidden_layer_sizes, row.modularity[-1]]
    name = (f"pruneactivation_gradient_productboolean{trial.lr}{trial.batch_size}{trial.max_epochs}"
            f"{row.unit_prune_step}{row.edge_prune_step}None1.0_Mask{trial.seed}.pkl")
    folder = RESULTS_FOLDERS.get(trial.experiment, trial.experiment)
    return Path(results_dir) / folder / "unit_edge" / str(list(row.modularity)) / "Masks" / str(architecture) / name


class _MaskUnpickler(pickle.Unpickler):
    """Unpickles a list of torch tensors saved on a GPU onto the CPU, and nothing else."""

    _ALLOWED = {("torch._utils", "_rebuild_tensor_v2"), ("collections", "OrderedDict")}

    def find_class(self, module, name):
        if (module, name) == ("torch.storage", "_load_from_bytes"):
            return lambda data: torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a mask file.")


def load_masks(path):
    """The masks of one file, as sksculpt reads them.

    Returns
    -------
    masks : list of ndarray of bool
        ``masks[l]`` of shape ``(n_units[l], n_units[l + 1])``.
    """
    with open(path, "rb") as file:
        tensors = _MaskUnpickler(file).load()
    return [tensor.numpy().T > 0 for tensor in tensors]


def authors_net(row, results_dir):
    """The authors' final masks of a row and a ``ModuleDetector`` fitted on them at the trial's step size.

    Parameters
    ----------
    row : ReferenceRow
    results_dir : str or path-like
        See :func:`mask_path`.

    Returns
    -------
    detector : ModuleDetector
    masks : list of ndarray of bool
    """
    masks = load_masks(mask_path(row, results_dir))
    return ModuleDetector(step_size=row.trial.step_size).fit(masks), masks


def detect_authors_net(row, results_dir):
    """Detect and score the modules of the net the authors sculpted for a row.

    Parameters
    ----------
    row : ReferenceRow
    results_dir : str or path-like
        See :func:`mask_path`.

    Returns
    -------
    result : dict
        Shaped like :func:`~benchmarks.reference.fits.fit_picked`'s; the
        point's ``accuracy`` and ``seconds`` are None (no net was trained
        here; the reference keeps only nets that passed its accuracy check).
    """
    detector, masks = authors_net(row, results_dir)
    task = load_task(row.trial)
    modules, edges = describe_hierarchy(detector.hierarchy_)
    edges_left = int(sum(mask.sum() for mask in masks))
    return dict(
        trial=trial_record(row.trial),
        script=row.script,
        line=row.line,
        modularity=list(row.modularity),
        point=dict(
            unit_step=row.unit_prune_step,
            edge_step=row.edge_prune_step,
            score=hierarchy_match_score(task.graph, detector.hierarchy_),
            accuracy=None,
            density=edges_left / sum(mask.size for mask in masks),
            edges_left=edges_left,
            units_left=units_left(detector),
            modules=modules,
            module_edges=edges,
            seconds=None,
        ),
    )
