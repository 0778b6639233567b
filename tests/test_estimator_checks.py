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
EXPECTED_FAILED_CHECKS = {
    "check_sample_weight_equivalence_on_dense_data": (
        "Mini-batch Adam: a sample of weight 2 counts twice in one batch, a repeated sample is two samples "
        "that can fall in two batches and lengthen the epoch, so the two fits agree in expectation, not in "
        "value (scikit-learn expects this check to fail for SGDClassifier for the same reason). Even in one "
        "full batch, where the losses are equal, float32 sums in another order differ by about 1e-7, and "
        "pruning can amplify that."
    ),
}


@parametrize_with_checks([FAST], expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS)
def test_sklearn_estimator_checks(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check(estimator)
