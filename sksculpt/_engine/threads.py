"""How many torch threads a net of a given size trains on."""

from contextlib import contextmanager

import torch

#: Up to this many weights a net trains fastest on one CPU thread: its operations
#: are too small to split, and idle threads only contend for cores.
SINGLE_THREAD_MAX_WEIGHTS = 1 << 16


@contextmanager
def torch_threads(n_threads):
    """Run a block with ``n_threads`` torch intra-op threads, restoring the setting after."""
    previous = torch.get_num_threads()
    torch.set_num_threads(n_threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def threads_for(size):
    """A context running torch on one thread for a net of at most
    :data:`SINGLE_THREAD_MAX_WEIGHTS` weights, on the current number otherwise."""
    return torch_threads(1 if size <= SINGLE_THREAD_MAX_WEIGHTS else torch.get_num_threads())
