"""Parameter checks shared by the task generators."""

from numbers import Integral, Real


def check_integer(value, name, *, min_value, max_value=None):
    """Check that a parameter is an integer within bounds.

    Parameters
    ----------
    value : object
        The value passed by the user.
    name : str
        Parameter name, used in the error message.
    min_value : int
        Smallest allowed value.
    max_value : int or None, default=None
        Largest allowed value; None means no upper bound.

    Returns
    -------
    value : int
        ``value`` as a Python int.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (booleans are rejected too).
    ValueError
        If ``value`` lies outside ``[min_value, max_value]``.
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer; got {value!r} of type {type(value).__name__}.")
    value = int(value)
    if value < min_value or (max_value is not None and value > max_value):
        allowed = f">= {min_value}" if max_value is None else f"in {min_value}..{max_value}"
        raise ValueError(f"{name} must be an integer {allowed}; got {value}.")
    return value


def check_fraction(value, name):
    """Check that a parameter is a real number strictly between 0 and 1.

    Parameters
    ----------
    value : object
        The value passed by the user.
    name : str
        Parameter name, used in the error message.

    Returns
    -------
    value : float
        ``value`` as a Python float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is not in the open interval (0, 1).
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            f"{name} must be a float in (0, 1); got {value!r} of type {type(value).__name__}."
        )
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name} must be a float strictly between 0 and 1; got {value}.")
    return float(value)
