"""Clean-up: keep only the units that lie on an input-to-output path."""

import numpy as np


def remove_dead_units(masks):
    """Drop the units that lie on no path from an input to an output.

    A hidden unit with no incoming or no outgoing edge, or an input unit with no
    outgoing edge, cannot carry anything from the inputs to the outputs; removing
    it can strand other units, so the rule is repeated until nothing changes.
    Output units always stay (user guide, *Module detection*, step 1).

    Parameters
    ----------
    masks : list of ndarray of bool
        ``masks[l]`` of shape ``(n_units[l], n_units[l + 1])``, True where the edge
        from unit ``i`` of layer ``l`` to unit ``j`` of layer ``l + 1`` survives.

    Returns
    -------
    cleaned : list of ndarray of bool
        New masks, same shapes, without the edges that touch a removed unit.
    alive : list of ndarray of bool
        One vector per layer (inputs first, outputs last), True for the units kept.
        The output vector is all True.

    Notes
    -----
    The fixed point of the rule is the set of units lying on a directed path from
    an input to an output (every output is kept in addition). In a layered network
    that set is found without iterating: a unit is on such a path exactly when it
    is reachable from an input (forward sweep, ``reached[l + 1] = any edge from a
    reached unit``) and an output is reachable from it (backward sweep,
    ``leads_out[l] = any edge to a unit that leads out``).

    Examples
    --------
    >>> import numpy as np
    >>> masks = [np.array([[True, False], [False, False]]), np.array([[True], [True]])]
    >>> cleaned, alive = remove_dead_units(masks)
    >>> [a.tolist() for a in alive]
    [[True, False], [True, False], [True]]
    """
    reached = [np.ones(masks[0].shape[0], dtype=bool)]
    for mask in masks:
        reached.append(mask[reached[-1]].any(axis=0))
    leads_out = [np.ones(masks[-1].shape[1], dtype=bool)]
    for mask in reversed(masks):
        leads_out.insert(0, mask[:, leads_out[0]].any(axis=1))
    alive = [forward & backward for forward, backward in zip(reached, leads_out)]
    alive[-1] = np.ones_like(alive[-1])
    cleaned = [
        mask & below[:, np.newaxis] & above[np.newaxis, :]
        for mask, below, above in zip(masks, alive[:-1], alive[1:])
    ]
    return cleaned, alive
