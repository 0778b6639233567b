"""Pictures of a sculpted network, its module hierarchy and its sculpting history.

Every function draws with matplotlib, an optional dependency
(``pip install "sksculpt[plot]"``), on the Axes it is given or on a new
figure, and returns the Axes; nothing is shown or saved, so the caller
decides (``ax.figure.savefig(...)``, ``plt.show()``). The package imports
without matplotlib; a plotting function called without it raises an
ImportError that names the install command.
"""

from ._hierarchy import plot_hierarchy
from ._history import plot_sculpt_history
from ._inputs import plot_input_modules
from ._modules import plot_modules

__all__ = ["plot_hierarchy", "plot_input_modules", "plot_modules", "plot_sculpt_history"]
