"""Progress lines of long fits, as a skorch callback."""

import numpy as np
from skorch.callbacks import Callback


class EpochProgress(Callback):
    """Print a line after every training epoch of a :class:`~sksculpt._net.SculptingNet`.

    Reads the history entries the epoch just wrote (one per stacked net):
    the stage and round, the epoch, and for one net its training loss, check
    loss and check accuracy, for several nets the range of their check
    accuracies; then the epoch's time.

    Parameters
    ----------
    sink : callable, default=print
        Called with each line (skorch's ``PrintLog`` convention).
    """

    def __init__(self, sink=print):
        self.sink = sink

    def on_epoch_end(self, net, **kwargs):
        entries = net.history[-net.n_nets:]
        last = entries[-1]
        where = f"[sksculpt] {last['stage']:>5} round {last['round']} epoch {last['epoch']}/{net.max_epochs}"
        if len(entries) == 1:
            figures = (
                f"train loss {last['train_loss']:.4f}  check loss {last['valid_loss']:.4f}  "
                f"check accuracy {last['check_accuracy']:.4f}"
            )
        else:
            accuracy = np.array([entry["check_accuracy"] for entry in entries])
            figures = f"{len(entries)} nets, check accuracy {accuracy.min():.4f} to {accuracy.max():.4f}"
        self.sink(f"{where}  {figures}  {last['dur']:.1f} s")
