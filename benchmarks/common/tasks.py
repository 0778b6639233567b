"""The one task loader: Boolean tasks named by a specification string, and their truth tables."""

from sksculpt.datasets import make_boolean_task

#: The ``make_boolean_task`` families the benchmarks run.
FAMILIES = ("input_separable", "separable_reused", "single", "reused", "overlap", "depth")


def parse_task(spec):
    """Split a task specification into the family name and its keyword arguments.

    Parameters
    ----------
    spec : str
        ``"name"`` or ``"name:key=value,key=value"`` with integer values, e.g.
        ``"reused:m=16"`` or ``"overlap:overlap=2,m=16"``.

    Returns
    -------
    name : str
    kwargs : dict of str to int

    Raises
    ------
    ValueError
        If the family is not one of :data:`FAMILIES` or an argument is not ``key=int``.

    Examples
    --------
    >>> parse_task("overlap:overlap=2,m=16")
    ('overlap', {'overlap': 2, 'm': 16})
    """
    name, _, arguments = spec.partition(":")
    if name not in FAMILIES:
        raise ValueError(f"Unknown task {name!r} in {spec!r}; choose from {sorted(FAMILIES)}.")
    kwargs = {}
    for argument in filter(None, arguments.split(",")):
        key, _, value = argument.partition("=")
        if not value.lstrip("-").isdigit():
            raise ValueError(f"Task argument {argument!r} of {spec!r} must read key=integer, e.g. m=16.")
        kwargs[key] = int(value)
    return name, kwargs


def task_spec(family, **kwargs):
    """The specification of a family and its arguments: the inverse of :func:`parse_task`.

    Examples
    --------
    >>> task_spec("overlap", overlap=2, m=16)
    'overlap:overlap=2,m=16'
    """
    arguments = ",".join(f"{name}={value}" for name, value in kwargs.items())
    return f"{family}:{arguments}" if arguments else family


def task_slug(spec):
    """A task specification as a piece of a file name.

    Examples
    --------
    >>> task_slug("overlap:overlap=2,m=16")
    'overlap-overlap2-m16'
    """
    return spec.replace(":", "-").replace(",", "-").replace("=", "")


def load_task(task):
    """The complete truth table and function graph of a task (a Bunch of ``make_boolean_task``).

    Parameters
    ----------
    task : str or object
        A task specification (see :func:`parse_task`), or a trial that holds
        one as its ``task`` attribute.
    """
    name, kwargs = parse_task(getattr(task, "task", task))
    return make_boolean_task(name, **kwargs)

