"""Training products of a sparsely masked layer as sparse (CSR) matrix products."""

import warnings

import torch

#: A layer of a one-net stack whose mask keeps at most this share of its weights trains
#: with sparse products (benchmarks/bench_sparse.py measures where they pay).
SPARSE_MAX_DENSITY = 0.05


class SparseLayer:
    """The forward and backward products of one masked layer of a one-net stack, over its surviving edges.

    The mask is fixed for a training round, so its CSR structure (and that of its
    transpose) is built once; each step gathers the current weights into it. The
    operations are those of the dense layer restricted to the surviving edges: the
    forward product, the gradient passed to the layer's input, and the weight
    gradient at the surviving edges (``torch.sparse.sampled_addmm``), written into
    the dense gradient with zeros elsewhere (masked weights stay zero either way).

    Parameters
    ----------
    weight : torch.nn.Parameter of shape (1, out_features, in_features)
        The layer's weight; its ``grad`` must be allocated.
    mask : torch.Tensor of shape (out_features, in_features)
        Nonzero where an edge survives.
    """

    def __init__(self, weight, mask):
        out_features, in_features = mask.shape
        rows, columns = torch.nonzero(mask, as_tuple=True)  # row-major: the CSR order
        self._weight, self._shape = weight, (out_features, in_features)
        self._edges = (rows, columns)
        self._row_starts = _row_starts(rows, out_features)
        self._columns = columns
        transposed_order = torch.argsort(columns * out_features + rows)
        self._transposed_order = transposed_order
        self._transposed_row_starts = _row_starts(columns[transposed_order], in_features)
        self._transposed_columns = rows[transposed_order]
        self._matrices = None

    @classmethod
    def for_layers(cls, layers, max_density):
        """A SparseLayer for each layer whose mask keeps at most ``max_density`` of its weights, else None."""
        sparse = []
        for layer in layers:
            mask = layer.weight_mask[0]
            keep = mask.count_nonzero().item() <= max_density * mask.numel()
            sparse.append(cls(layer.weight, mask) if keep else None)
        return sparse

    def forward(self, inputs, bias):
        """``inputs @ weight.T + bias`` for inputs of shape ``(1, batch, in)``; keeps the matrices for the backward."""
        values = self._weight.detach()[0][self._edges]
        with warnings.catch_warnings():  # torch's notice, once per process, that its CSR support is in beta
            warnings.filterwarnings("ignore", "Sparse CSR tensor support is in beta", UserWarning)
            weight = torch.sparse_csr_tensor(
                self._row_starts, self._columns, values, self._shape, check_invariants=False,
            )
            transposed = torch.sparse_csr_tensor(
                self._transposed_row_starts, self._transposed_columns, values[self._transposed_order],
                self._shape[::-1], check_invariants=False,
            )
        self._matrices = weight, transposed
        return torch.sparse.mm(weight, inputs[0].T).T.unsqueeze(0) + bias

    def weight_gradient(self, inputs, output_gradient):
        """Write ``output_gradient.T @ inputs`` at the surviving edges into the weight's gradient, zeros elsewhere."""
        weight, _ = self._matrices
        gradient = torch.sparse.sampled_addmm(weight, output_gradient[0].T, inputs[0], beta=0.0)
        self._weight.grad[0].zero_()
        self._weight.grad[0][self._edges] = gradient.values()

    def input_gradient(self, output_gradient):
        """``output_gradient @ weight``, the gradient passed to the layer's input."""
        _, transposed = self._matrices
        return torch.sparse.mm(transposed, output_gradient[0].T).T.unsqueeze(0)


def _row_starts(rows, n_rows):
    """CSR row pointers of sorted row indices."""
    starts = torch.zeros(n_rows + 1, dtype=torch.int64, device=rows.device)
    starts[1:] = torch.bincount(rows, minlength=n_rows).cumsum(0)
    return starts
