"""How large the text of a figure is where it is shown (needs matplotlib).

A figure is saved at some pixel width and shown on a page no wider than the
page's content column: a wider image is scaled down to the column, a narrower
one is shown at its own size. A text of ``s`` points in a figure saved at
``dpi`` dots per inch and ``W`` inches wide is therefore shown
``s * dpi / 72 * min(1, column / (W * dpi))`` pixels high (its font size, the
height of a line of it). These functions measure that for every text a draw
of the figure writes, so tests can hold the pictures to a least size.
"""

#: Width (CSS pixels) of the documentation's content column: the pydata theme's
#: article is at most 60em (960 px) wide less its padding; 800 leaves room for
#: narrower windows.
DOCS_CONTENT_PX = 800
#: The resolution sphinx-gallery and ``savefig`` save figures at by default.
SAVE_DPI = 100
#: The least height (pixels) at which a text is read without effort.
READABLE_PX = 9.0


def drawn_texts(fig):
    """Every text a draw of ``fig`` writes, with its size, as drawn.

    The figure is drawn once with a renderer that records each call to
    ``draw_text``, so exactly the texts that reach the image are counted:
    tick labels in view, titles, axis labels, legend entries, annotations,
    texts of the data; none that is invisible, empty or clipped away.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    texts : list of tuple
        ``(text, size)`` for every text drawn: its string and its font size
        in points.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()  # lay the figure out (constrained layout, fitted boxes) first
    renderer = canvas.get_renderer()
    drawn = []
    plain = type(renderer).draw_text

    def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if s.strip():
            drawn.append((s, float(prop.get_size_in_points())))
        return plain(renderer, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = draw_text
    try:
        fig.draw(renderer)
    finally:
        del renderer.draw_text
    return drawn


def shown_scale(fig, content_px=DOCS_CONTENT_PX, dpi=SAVE_DPI):
    """Pixels on the page per point of the figure, saved at ``dpi`` and shown in ``content_px``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    content_px : float, default=DOCS_CONTENT_PX
        Width of the column the image is shown in.
    dpi : float, default=SAVE_DPI
        Resolution the figure is saved at.

    Returns
    -------
    scale : float
    """
    saved_px = fig.get_figwidth() * dpi
    return dpi / 72.0 * min(1.0, content_px / saved_px)


def text_px(fig, content_px=DOCS_CONTENT_PX, dpi=SAVE_DPI):
    """The height on the page of every text of a figure, smallest first.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    content_px : float, default=DOCS_CONTENT_PX
        Width of the column the image is shown in.
    dpi : float, default=SAVE_DPI
        Resolution the figure is saved at.

    Returns
    -------
    heights : list of tuple
        ``(pixels, text)`` for every text drawn, smallest first.
    """
    scale = shown_scale(fig, content_px, dpi)
    return sorted((size * scale, text) for text, size in drawn_texts(fig))


#: Width (inches) of a figure saved at :data:`SAVE_DPI` that the content column
#: shows at its own size; new figures are no wider, so their text is not scaled down.
PAGE_WIDTH_INCHES = DOCS_CONTENT_PX / SAVE_DPI


def root_figure(ax):
    """The figure ``ax`` is drawn in (the top one where it sits in a subfigure)."""
    fig = ax.figure
    while getattr(fig, "figure", fig) is not fig:
        fig = fig.figure
    return fig


def figure_width_inches(ax):
    """Width (inches) of the figure or subfigure ``ax`` is drawn in."""
    return ax.figure.bbox.width / root_figure(ax).dpi


def axes_width_inches(ax):
    """Width (inches) of ``ax`` as laid out, in a figure or a subfigure."""
    return ax.get_position().width * figure_width_inches(ax)


def text_scale(ax):
    """How much larger than its size in points a plot writes its text on ``ax``.

    A figure up to a page column wide (:data:`PAGE_WIDTH_INCHES`) is shown at
    its own size: its text keeps its size in points. A wider one is shown
    scaled down to the column, so its text grows with its width and is shown
    as large as on a figure one column wide.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes a plot draws on.

    Returns
    -------
    scale : float
        At least 1.
    """
    return max(1.0, root_figure(ax).get_figwidth() / PAGE_WIDTH_INCHES)


def text_width(text, size, weight="normal"):
    """Width (points) of one line of ``text`` in matplotlib's default font at ``size`` points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    width, _, _ = text_to_path.get_text_width_height_descent(
        text, FontProperties(size=size, weight=weight), ismath=False
    )
    return width
