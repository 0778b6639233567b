"""Shared fixtures: the input-separable Boolean task of TASKS.md, built independently."""

import itertools

import numpy as np
import pytest


def input_separable_task():
    """[4, 2, 4]: g1 = XOR(x0, x1), g2 = XOR(x2, x3); outputs g1, NOT g1, g2, NOT g2."""
    X = np.array(list(itertools.product([0, 1], repeat=4)), dtype=np.float32)
    g1 = X[:, 0].astype(int) ^ X[:, 1].astype(int)
    g2 = X[:, 2].astype(int) ^ X[:, 3].astype(int)
    return X, np.stack([g1, 1 - g1, g2, 1 - g2], axis=1)


@pytest.fixture
def separable_task():
    return input_separable_task()


#: The setting of the paper's input-separable exemplar (TASKS.md, poster).
EXEMPLAR = dict(
    hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10,
    unit_prune_step=65, edge_prune_step=1.5,
)


def reachability(masks):
    """Boolean matrix: input i reaches output j along surviving edges."""
    reach = np.eye(masks[0].shape[0], dtype=bool)
    for mask in masks:
        reach = (reach.astype(np.int64) @ mask.astype(np.int64)) > 0
    return reach
