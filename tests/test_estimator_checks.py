"""scikit-learn's estimator checks on SculptingClassifier."""

import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.estimator_checks import parametrize_with_checks

from sksculpt._classifier import SculptingClassifier

#: A quick configuration: the checks fit dozens of times on small blobs data.
FAST = SculptingClassifier(
    hidden_layer_sizes=(16,), lr=0.01, batch_size=32, max_epochs=5, input_noise=0.0,
    unit_prune_step=40, edge_prune_step=20, accuracy_threshold=0.9, random_state=0,
)

#: Checks the estimator cannot pass, with the reason.
EXPECTED_FAILED_CHECKS = {}


@parametrize_with_checks([FAST], expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS)
def test_sklearn_estimator_checks(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check(estimator)
