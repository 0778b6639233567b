"""The engine: stacked masked MLPs trained in short rounds and pruned in lockstep.

Layer between the estimators (``sksculpt._classifier``, ``sksculpt._cv``) and
the pure functions of the subpackages (``sksculpt.pruning`` for scores and
schedules). Each module has one job:

- :mod:`.mlp`: the stacked masked MLP (a torch module);
- :mod:`.ops` and :mod:`.optim`: multi-tensor operations with public
  fallbacks, and Adam for stacked nets;
- :mod:`.targets` and :mod:`.passes`: the losses of each kind of target,
  and the forward and backward pass written out without autograd;
- :mod:`.net`: the skorch net that trains every stacked net for one round;
- :mod:`.stack` and :mod:`.driver`: one pruning stage on every net in lockstep;
- :mod:`.stages`: the dense round, unit stage and edge stage, and
  :func:`sculpt_grid`, the one path from a dense network to a sculpted one;
- :mod:`.threads`: how many torch threads a net of a given size trains on.
"""

from .mlp import MaskedMLP, n_weights
from .net import SculptingNet
from .optim import StackedAdam
from .stages import StageResult, build_net, sculpt_grid, stage_rules
from .threads import SINGLE_THREAD_MAX_WEIGHTS, threads_for

__all__ = [
    "SINGLE_THREAD_MAX_WEIGHTS",
    "MaskedMLP",
    "SculptingNet",
    "StackedAdam",
    "StageResult",
    "build_net",
    "n_weights",
    "sculpt_grid",
    "stage_rules",
    "threads_for",
]
