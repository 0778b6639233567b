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


def unit_names(estimator, step):
    """The names a plot writes for the inputs and outputs of ``step``, where it has them.

    The step's own names come first: those its ``hierarchy_`` carries (see
    :func:`~sksculpt.detection.name_modules`). A step fitted inside a
    :class:`~sklearn.pipeline.Pipeline` on the output of other steps saw no
    column names unless they output DataFrames; its inputs are then named
    by the ``get_feature_names_out`` of the steps before it, where they have
    one.

    Parameters
    ----------
    estimator : object
        What the plotting function was given.
    step : object
        :func:`fitted_step` of it.

    Returns
    -------
    input_names, output_names : list of str or None
    """
    graph = getattr(step, "hierarchy_", None)
    names = {} if graph is None else graph.graph
    input_names, output_names = names.get("input_names"), names.get("output_names")
    if input_names is None and isinstance(estimator, Pipeline) and len(estimator) > 1:
        try:
            input_names = [str(name) for name in estimator[:-1].get_feature_names_out()]
        except (AttributeError, TypeError, ValueError):  # a step without feature names out
            input_names = None
    return input_names, output_names
