"""The words of the network picture: its title in words, and the names of units and groups of units."""

from ._readability import text_width


def describe_architecture(sizes):
    """The layer sizes of a network in words.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, inputs first, outputs last.

    Returns
    -------
    text : str

    Examples
    --------
    >>> describe_architecture([4, 24, 24, 4])
    '4 inputs, hidden layers of 24 and 24 units, 4 outputs'
    >>> describe_architecture([1568, 392, 20])
    '1,568 inputs, a hidden layer of 392 units, 20 outputs'
    >>> describe_architecture([3, 1])
    '3 inputs, 1 output'
    """
    parts = [count_of(sizes[0], "input")]
    hidden = [f"{size:,}" for size in sizes[1:-1]]
    if len(hidden) == 1:
        parts.append(f"a hidden layer of {hidden[0]} units")
    elif hidden:
        parts.append(f"hidden layers of {', '.join(hidden[:-1])} and {hidden[-1]} units")
    parts.append(count_of(sizes[-1], "output"))
    return ", ".join(parts)


def count_of(number, noun):
    """``number`` and ``noun``, plural unless one: ``'1 output'``, ``'1,568 inputs'``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def fit_lines(parts, room, size):
    """The parts on one line, joined by ``; ``, where that fits ``room`` points at ``size``.

    Otherwise each part gets lines of its own, a part too wide broken after
    its commas.
    """
    line = "; ".join(parts)
    if text_width(line, size) <= room:
        return line
    lines = []
    for part in parts:
        words = part.split(", ")
        current = words[0]
        for word in words[1:]:
            if text_width(f"{current}, {word}", size) <= room:
                current = f"{current}, {word}"
            else:
                lines.append(current + ",")
                current = word
        lines.append(current)
    return "\n".join(lines)


def unit_texts(names, prefix, n_units):
    """The text of each unit of a layer: its name, or ``<prefix><index>``."""
    return [f"{prefix}{unit}" for unit in range(n_units)] if names is None else list(names)


def group_texts(texts, indices, noun, named=False):
    """Ways to name a module's units of one layer, from the fullest to the briefest.

    Parameters
    ----------
    texts : list of str
        The text of each unit (its name, or ``x<i>``), in column order.
    indices : list of int
        Their columns, ascending.
    noun : str
        What a unit is, singular (``"input"``).
    named : bool, default=False
        Whether the texts are the data's names rather than ``x<i>``: runs of
        consecutive columns are then not written as ranges.

    Returns
    -------
    texts : list of str

    Examples
    --------
    >>> group_texts(["x0", "x1", "x2", "x5"], [0, 1, 2, 5], "input")
    ['x0–x2, x5', '4 inputs', '4']
    >>> group_texts(["x0", "x2", "x4", "x7"], [0, 2, 4, 7], "input")
    ['4 inputs, x0 to x7', '4 inputs', '4']
    >>> group_texts(["age", "dose"], [0, 1], "input", named=True)
    ['age, dose', '2 inputs', '2']
    >>> group_texts(["age", "dose", "sex", "weight"], [0, 1, 2, 3], "input", named=True)
    ['4 inputs, age to weight', '4 inputs', '4']
    """
    runs = []
    for position, index in enumerate(indices):
        if runs and index == indices[runs[-1][1]] + 1:
            runs[-1][1] = position
        else:
            runs.append([position, position])
    count = count_of(len(texts), noun)
    if len(texts) <= 3:
        full = ", ".join(texts)
    elif len(runs) <= 2 and not named:
        full = ", ".join(texts[first] if first == last else f"{texts[first]}–{texts[last]}" for first, last in runs)
    else:
        full = f"{count}, {texts[0]} to {texts[-1]}"
    return list(dict.fromkeys([full, count, str(len(texts))]))


def layer_names(n_layers):
    """Tick labels of the layers, inputs at the bottom."""
    return ["inputs", *(f"hidden {layer}" for layer in range(1, n_layers - 1)), "outputs"]
