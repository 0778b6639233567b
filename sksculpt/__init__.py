"""sksculpt: Neural Sculpting as scikit-learn estimators.

Train an MLP on a task, sculpt it by pruning (units, then edges) and read the
task's sub-functions and their hierarchy off the surviving connectivity.
"""

from ._classifier import SculptingClassifier
from ._cv import SculptingClassifierCV
from ._engine import SculptingNet
from ._records import SculptRecord
from .detection import ModuleDetector
from .exceptions import StructureWarning
from .metrics import hierarchy_match_score, make_hierarchy_scorer

__version__ = "0.1.0"

__all__ = [
    "ModuleDetector",
    "SculptRecord",
    "SculptingClassifier",
    "SculptingClassifierCV",
    "SculptingNet",
    "StructureWarning",
    "hierarchy_match_score",
    "make_hierarchy_scorer",
]
