"""Single digit images: scikit-learn's 8x8 digits, or MNIST's IDX files from a folder on disk."""

import os
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

from ._idx import read_idx

#: MNIST training files looked for in a ``source`` directory (each may end in ``.gz``).
MNIST_IMAGES_FILE = "train-images-idx3-ubyte"
MNIST_LABELS_FILE = "train-labels-idx1-ubyte"



def _load_sklearn_digits():
    """scikit-learn's bundled 8x8 digits, scaled from 0..16 to [0, 1]."""
    digits = load_digits()
    return (digits.images / 16.0).astype(np.float32), digits.target.astype(np.int64)


def _find_mnist_file(directory, name):
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"{directory} holds neither {name} nor {name}.gz. Put the MNIST training files there "
        "(nothing is downloaded) or use source='sklearn'."
    )


def load_mnist_directory(directory):
    """Read MNIST's training images and labels from IDX files in a directory.

    Parameters
    ----------
    directory : str or os.PathLike
        Folder holding ``train-images-idx3-ubyte`` and ``train-labels-idx1-ubyte``,
        each possibly gzip-compressed with a ``.gz`` suffix.

    Returns
    -------
    images : ndarray of shape (n_images, height, width), dtype float32
        Pixel values scaled from 0..255 to [0, 1].
    labels : ndarray of shape (n_images,), dtype int64
        Digit labels 0..9.

    Raises
    ------
    TypeError
        If ``directory`` is not a folder name.
    FileNotFoundError
        If ``directory`` or a file is missing.
    NotADirectoryError
        If ``directory`` is a file.
    ValueError
        If a file is not valid IDX, the images are not a uint8 3-d array,
        have no pixel or are none, the labels not a 1-d array of digits
        0..9, or their counts differ.
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            f"directory must be a folder name (str or os.PathLike); got {type(directory).__name__}."
        )
    directory = Path(directory)
    if not directory.is_dir():
        error = NotADirectoryError if directory.exists() else FileNotFoundError
        raise error(
            f"{directory} {'is a file' if directory.exists() else 'does not exist'}; pass the folder "
            f"that holds {MNIST_IMAGES_FILE} and {MNIST_LABELS_FILE} (each may end in .gz)."
        )
    images_path = _find_mnist_file(directory, MNIST_IMAGES_FILE)
    labels_path = _find_mnist_file(directory, MNIST_LABELS_FILE)
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or images.dtype != np.uint8:
        raise ValueError(
            f"{images_path}: expected unsigned-byte images of shape (n_images, height, width); "
            f"got {images.dtype} of shape {images.shape}."
        )
    if 0 in images.shape[1:]:
        height, width = images.shape[1:]
        raise ValueError(
            f"{images_path}: the images are {height}x{width} pixels; an image needs at least "
            "1x1 pixel (MNIST's are 28x28), so the file is damaged or not MNIST's."
        )
    if not len(images):
        raise ValueError(f"{images_path} holds no image, so the file is damaged or not MNIST's.")
    if labels.ndim != 1:
        raise ValueError(
            f"{labels_path}: expected a 1-d array of digit labels 0..9; got an array of shape "
            f"{labels.shape}. Is it an images file?"
        )
    wrong = np.unique(labels[~np.isin(labels, np.arange(10))])
    if wrong.size:
        raise ValueError(
            f"{labels_path}: expected a 1-d array of digit labels 0..9; it holds the label(s) "
            f"{wrong[:5].tolist()}{' ...' if wrong.size > 5 else ''}, so the file is damaged or not MNIST's."
        )
    if len(labels) != len(images):
        raise ValueError(
            f"{images_path} holds {len(images)} images but {labels_path} holds "
            f"{len(labels)} labels; pass the images and labels of the same set, one label per image."
        )
    return (images / 255.0).astype(np.float32), labels.astype(np.int64)


def load_single_digits(source):
    """The single digit images and labels of ``source`` ("sklearn" or a folder of MNIST IDX files),
    and a description of where they came from."""
    if isinstance(source, str) and source == "sklearn":
        return _load_sklearn_digits(), "scikit-learn's 8x8 digits (load_digits)"
    if not Path(source).is_dir():
        raise ValueError(
            "source must be 'sklearn' or an existing directory of MNIST IDX files; "
            f"{source!r} is neither."
        )
    return load_mnist_directory(source), f"MNIST IDX files in {source}"
