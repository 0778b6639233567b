"""Reader for the IDX file format of MNIST, plain or gzip-compressed."""

import gzip
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

#: IDX type codes (third byte of the magic number) and their big-endian dtypes.
IDX_DTYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}

_GZIP_MAGIC = b"\x1f\x8b"


def parse_idx(content, source="<bytes>"):
    """Decode the bytes of an IDX file into an array.

    An IDX file starts with a 4-byte magic number: two zero bytes, a type code
    (see ``IDX_DTYPES``) and the number of dimensions ``d``. Then come ``d``
    big-endian unsigned 32-bit sizes, then the values in C order, big-endian.

    Parameters
    ----------
    content : bytes
        The whole (uncompressed) file.
    source : str, default="<bytes>"
        Where the bytes came from, for error messages.

    Returns
    -------
    array : ndarray
        The values with the declared shape, in native byte order.

    Raises
    ------
    ValueError
        If the magic number is wrong, the type code unknown, the header
        truncated, or the data size differs from what the header declares.

    Examples
    --------
    >>> parse_idx(bytes([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 9])).tolist()
    [7, 9]
    """
    if len(content) < 4:
        raise ValueError(f"{source}: {len(content)} bytes is too short for an IDX magic number.")
    if content[0] != 0 or content[1] != 0:
        raise ValueError(
            f"{source}: not an IDX file, the magic number {content[:4].hex()} does not start "
            "with two zero bytes."
        )
    type_code, n_dims = content[2], content[3]
    if type_code not in IDX_DTYPES:
        known = ", ".join(f"0x{code:02X}" for code in IDX_DTYPES)
        raise ValueError(
            f"{source}: unknown IDX type code 0x{type_code:02X}; known codes: {known}."
        )
    if n_dims == 0:
        raise ValueError(f"{source}: the IDX header declares 0 dimensions.")
    header_size = 4 + 4 * n_dims
    if len(content) < header_size:
        raise ValueError(
            f"{source}: truncated IDX header, {n_dims} dimension sizes need {header_size} bytes; "
            f"the file has {len(content)}."
        )
    shape = struct.unpack(f">{n_dims}I", content[4:header_size])
    dtype = IDX_DTYPES[type_code]
    expected = math.prod(shape) * dtype.itemsize  # Python ints: no overflow
    found = len(content) - header_size
    if found != expected:
        raise ValueError(
            f"{source}: the IDX header declares shape {shape} of {dtype.name} ({expected} data "
            f"bytes) but the file holds {found} data bytes; the file is truncated or corrupt."
        )
    values = np.frombuffer(content, dtype=dtype, offset=header_size).reshape(shape)
    return values.astype(dtype.newbyteorder("="))


def read_idx(path):
    """Read an IDX file such as MNIST's ``train-images-idx3-ubyte``.

    Gzip-compressed files (``.gz``, recognised by their content) are
    decompressed on the fly.

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    array : ndarray
        The values with the shape the file declares.

    Raises
    ------
    TypeError
        If ``path`` is not a file name.
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not a valid IDX file, or is gzip-compressed but
        damaged (truncated or corrupted); the message names the file.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a file name (str or os.PathLike), such as 'train-images-idx3-ubyte.gz'; "
            f"got {type(path).__name__}."
        )
    path = Path(path)
    with path.open("rb") as file:
        compressed = file.read(2) == _GZIP_MAGIC
    if not compressed:
        return parse_idx(path.read_bytes(), source=str(path))
    try:
        with gzip.open(path, "rb") as file:
            content = file.read()
    except (OSError, EOFError, zlib.error) as error:
        raise ValueError(
            f"{path}: cannot decompress this gzip file, it is damaged ({type(error).__name__}: "
            f"{error}); download it again or check it with 'gzip -t'."
        ) from error
    return parse_idx(content, source=str(path))
