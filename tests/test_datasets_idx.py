"""The IDX reader, on small files written by the tests."""

import gzip
import struct

import numpy as np
import pytest

from sksculpt.datasets import read_idx
from sksculpt.datasets._idx import parse_idx

TYPE_CODES = {"u1": 0x08, "i1": 0x09, "i2": 0x0B, "i4": 0x0C, "f4": 0x0D, "f8": 0x0E}


def idx_bytes(array):
    """Encode an array as IDX, following the format description (big-endian)."""
    array = np.asarray(array)
    code = TYPE_CODES[array.dtype.kind + str(array.dtype.itemsize)]
    header = struct.pack(">BBBB", 0, 0, code, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


ARRAYS = [
    np.arange(60, dtype=np.uint8).reshape(3, 4, 5),
    np.array([-3, 0, 7], dtype=np.int8),
    np.array([[-300, 2], [1000, -1]], dtype=np.int16),
    np.array([70000, -5], dtype=np.int32),
    np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3),
    np.array([np.pi, -np.e]),
]


@pytest.mark.parametrize("array", ARRAYS, ids=lambda array: array.dtype.name)
@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_round_trip(tmp_path, array, compress):
    content = idx_bytes(array)
    path = tmp_path / ("data.idx.gz" if compress else "data.idx")
    path.write_bytes(gzip.compress(content) if compress else content)
    read = read_idx(path)
    assert read.shape == array.shape
    assert read.dtype == array.dtype
    assert read.dtype.isnative
    np.testing.assert_array_equal(read, array)
    read[...] = 0  # a writable copy, not a view of the file


def test_mnist_header_layout():
    labels = np.array([5, 0, 4], dtype=np.uint8)
    content = idx_bytes(labels)
    assert content[:8] == bytes.fromhex("00000801") + bytes.fromhex("00000003")
    assert parse_idx(content).tolist() == [5, 0, 4]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x00", r"too short for an IDX magic number"),
        (bytes.fromhex("1f8b0801") + bytes(8), r"not an IDX file, the magic number 1f8b0801"),
        (bytes.fromhex("00000701") + bytes(8), r"unknown IDX type code 0x07"),
        (bytes.fromhex("00000800"), r"declares 0 dimensions"),
        (bytes.fromhex("00000803") + bytes(4), r"truncated IDX header"),
        (
            idx_bytes(np.zeros((2, 3), np.uint8))[:-1],
            r"shape \(2, 3\) of uint8 \(6 data bytes\).*holds 5",
        ),
        (idx_bytes(np.zeros(2, np.int16)) + b"\x00", r"\(4 data bytes\).*holds 5"),
    ],
)
def test_invalid_content_raises(content, message):
    with pytest.raises(ValueError, match=message):
        parse_idx(content, source="test-file")


def test_error_names_the_file(tmp_path):
    path = tmp_path / "broken-idx1-ubyte"
    path.write_bytes(bytes.fromhex("01020304"))
    with pytest.raises(ValueError, match="broken-idx1-ubyte"):
        read_idx(path)


def test_corrupt_gzip_raises_value_error(tmp_path):
    path = tmp_path / "labels.gz"
    path.write_bytes(gzip.compress(idx_bytes(np.arange(100, dtype=np.uint8)))[:30])
    with pytest.raises(ValueError, match="cannot decompress"):
        read_idx(path)


def _damaged_gzip(body):
    """gzip of an IDX file with one kind of damage: a broken stream or a checksum that differs."""
    compressed = bytearray(gzip.compress(idx_bytes(np.arange(200, dtype=np.uint8)), mtime=0))
    if body == "invalid deflate block":
        compressed[10] = 0xFF  # the first deflate block header: block type 3 does not exist
    else:
        compressed[-8:-4] = bytes(4)  # the CRC-32 of the content
    return bytes(compressed)


@pytest.mark.parametrize("damage", ["invalid deflate block", "wrong checksum"])
def test_a_damaged_gzip_body_raises_value_error_naming_the_file(tmp_path, damage):
    path = tmp_path / "train-labels-idx1-ubyte.gz"
    path.write_bytes(_damaged_gzip(damage))
    with pytest.raises(ValueError, match="train-labels-idx1-ubyte.gz: cannot decompress") as caught:
        read_idx(path)
    assert "damaged" in str(caught.value) and "download it again" in str(caught.value)


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_idx(tmp_path / "absent")


@pytest.mark.parametrize("path", [None, 3, idx_bytes(np.arange(2, dtype=np.uint8))], ids=["None", "int", "bytes"])
def test_a_path_that_is_no_file_name_is_refused_naming_path(path):
    with pytest.raises(TypeError, match=r"path must be a file name \(str or os.PathLike\).*got"):
        read_idx(path)
