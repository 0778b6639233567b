"""The fitted object a plotting function draws, found the same way by every one of them."""

from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted


def fitted_step(estimator, caller, attributes, accepted):
    """Return the fitted object behind ``estimator`` that holds what a plot draws.

    A :class:`~sklearn.pipeline.Pipeline` stands for its last step; an
    estimator (anything with ``fit``) must be fitted.

    Parameters
    ----------
    estimator : object
        What the caller was given: a fitted ``SculptingClassifier``,
        ``SculptingClassifierCV`` or ``ModuleDetector``, or a fitted Pipeline
        ending in one.
    caller : str
        Name of the plotting function, for the message.
    attributes : tuple of str
        The fitted attributes the plot reads; the object needs at least one.
    accepted : str
        What the plot draws, for the message, such as ``"a fitted
        SculptingClassifier"``.

    Returns
    -------
    step : object
        ``estimator``, or the last step of a Pipeline.

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If the estimator, or the Pipeline's last step, is not fitted.
    TypeError
        If it has none of ``attributes``.
    """
    step = estimator[-1] if isinstance(estimator, Pipeline) else estimator
    if hasattr(step, "fit"):
        check_is_fitted(step)
    if not any(hasattr(step, name) for name in attributes):
        found = type(step).__name__
        if step is not estimator:
            found = f"a Pipeline ending in {found}"
        raise TypeError(
            f"{caller} draws {accepted} (anything with {' or '.join(attributes)}), or a fitted "
            f"Pipeline ending in one; got {found}."
        )
    return step
