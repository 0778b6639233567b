"""Module boxes sized to the axes they are drawn on, at every draw (needs matplotlib).

A module graph is drawn on a grid of unit cells: one column per module of the
widest level, one row per level. The labels of its boxes get the largest font
size at which every box fits a fixed share of a cell, so the picture keeps its
proportions at any figure size, on screen, in a notebook or in a scaled-down
documentation image, instead of keeping a size in points.
"""

from matplotlib.artist import Artist

from ._readability import root_figure

#: Share of a cell's width and of its height that a module box may fill; the
#: rest of the row height is left to the arrows between levels.
CELL_SHARE = (0.82, 0.5)
#: Padding between a box's text and its frame, in font sizes.
BOX_PAD = 0.4
#: Font size of the arrows' edge counts, relative to the boxes' font size.
WEIGHT_FONT_SHARE = 0.9
#: Font size at which the line widths, arrow heads and gaps below are given.
REFERENCE_FONT_SIZE = 10.0
#: At the reference font size: box frame width, arrow head size, gap between
#: an arrow's end and its box (points).
FRAME_WIDTH, ARROW_HEAD, ARROW_GAP = 1.4, 10.0, 2.0


class FittedBoxes(Artist):
    """An invisible artist that sizes the module boxes of its axes before they draw.

    Added to the axes below every other artist, it runs first in each draw of
    the axes: it sets the font size of the boxes (one size for all of them), of
    the edge counts, and scales the frames and arrows with it.

    Parameters
    ----------
    boxes : list of matplotlib.text.Text
        The module boxes: texts with a ``round`` bbox of pad :data:`BOX_PAD`.
    weight_labels : list of matplotlib.text.Text
        The edge counts written on the arrows.
    arrows : list of tuple
        ``(annotation, linewidth)``: each arrow and its line width at
        :data:`REFERENCE_FONT_SIZE`.
    """

    def __init__(self, boxes, weight_labels, arrows):
        super().__init__()
        self.boxes, self.weight_labels, self.arrows = boxes, weight_labels, arrows
        self.set_zorder(-1)
        self.set_in_layout(False)

    def font_size(self, renderer=None):
        """The largest font size (points) at which every box fits its share of a cell.

        Parameters
        ----------
        renderer : matplotlib.backend_bases.RendererBase, default=None
            The renderer of the current draw; None takes the figure's.

        Returns
        -------
        size : float
            Font size in points.
        """
        ax = self.axes
        (x0, y0), (x1, y1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
        room = (CELL_SHARE[0] * abs(x1 - x0), CELL_SHARE[1] * abs(y1 - y0))
        points_to_pixels = root_figure(ax).dpi / 72.0
        largest = float("inf")
        for box in self.boxes:
            extent = box.get_window_extent(renderer)
            size = box.get_fontsize() * points_to_pixels
            # A box's width and height grow in proportion to its font size.
            for text_length, limit in zip((extent.width, extent.height), room):
                largest = min(largest, limit / (text_length / size + 2 * BOX_PAD))
        return largest / points_to_pixels

    def fit(self, renderer=None):
        """Give the boxes, edge counts and arrows their size for the current axes.

        Parameters
        ----------
        renderer : matplotlib.backend_bases.RendererBase, default=None
            The renderer of the current draw; None takes the figure's.
        """
        if not self.boxes:
            return
        size = self.font_size(renderer)
        scale = size / REFERENCE_FONT_SIZE
        for box in self.boxes:
            box.set_fontsize(size)
            box.get_bbox_patch().set_linewidth(FRAME_WIDTH * scale)
        for label in self.weight_labels:
            label.set_fontsize(WEIGHT_FONT_SHARE * size)
        for arrow, linewidth in self.arrows:
            # The annotation sets its arrow's head size from ``mutation_scale`` when it draws.
            arrow.arrowprops["mutation_scale"] = ARROW_HEAD * scale
            arrow.arrow_patch.set_linewidth(linewidth * scale)
            arrow.arrow_patch.shrinkA = arrow.arrow_patch.shrinkB = ARROW_GAP * scale

    def draw(self, renderer):
        """Fit the boxes to the axes as they are now; nothing is drawn."""
        self.fit(renderer)
        self.stale = False
