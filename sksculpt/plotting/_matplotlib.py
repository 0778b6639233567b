"""matplotlib, the optional dependency of :mod:`sksculpt.plotting`, and module colours."""

import importlib

#: The install command that brings in matplotlib with sksculpt.
INSTALL_COMMAND = 'pip install "sksculpt[plot]"'

#: Colour of edges that join two different modules, and of modules drawn without identity.
NEUTRAL_COLOR = "#7f7f7f"


def import_pyplot(caller):
    """Import :mod:`matplotlib.pyplot`, or explain how to install it.

    Parameters
    ----------
    caller : str
        Name of the plotting function that needs matplotlib, for the message.

    Returns
    -------
    pyplot : module
        :mod:`matplotlib.pyplot`.

    Raises
    ------
    ImportError
        If matplotlib cannot be imported; the message names the install command.
    """
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as error:
        raise ImportError(
            f"{caller} needs matplotlib, an optional dependency of sksculpt. "
            f"Install it with: {INSTALL_COMMAND}"
        ) from error


def check_axes(ax, caller):
    """Raise TypeError unless ``ax`` is None or a matplotlib Axes.

    Parameters
    ----------
    ax : object
        The ``ax`` argument of a plotting function.
    caller : str
        Name of the plotting function, for the message.
    """
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(
            f"ax of {caller} must be a matplotlib Axes (such as plt.subplots()[1]) or None for "
            f"a new figure; got {type(ax).__name__}."
        )


def module_color(module_id):
    """The colour of a module, the same in every sksculpt figure.

    Parameters
    ----------
    module_id : int
        Module id (node key of ``hierarchy_``).

    Returns
    -------
    color : tuple of float
        RGBA colour from matplotlib's ``tab10`` palette without its grey, which
        is kept for edges between modules; ids beyond nine colours cycle.
    """
    from matplotlib import colormaps

    palette = [index for index in range(10) if index != 7]
    return colormaps["tab10"](palette[module_id % len(palette)])


def lighten(color, amount):
    """Mix a colour with white.

    Parameters
    ----------
    color : color
        Any matplotlib colour.
    amount : float
        Share of white in the mix, in [0, 1].

    Returns
    -------
    color : tuple of float
        RGB colour.
    """
    from matplotlib.colors import to_rgb

    return tuple(channel + (1 - channel) * amount for channel in to_rgb(color))
