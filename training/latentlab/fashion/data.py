"""Fashion-MNIST from Debian's dataset-fashion-mnist (idx files), as 32 px grey tensors in [-1, 1]: each 28 px garment
padded by 2 px of background (-1) on every side. Read straight from the package; nothing per image is cached."""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .config import CLASSES, DATA

PAD = 2  # (32 - 28) / 2


def read_idx(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def files(split: str, root: Path = DATA) -> tuple[Path, Path]:
    stem = "train" if split == "train" else "t10k"
    images, labels = root / f"{stem}-images-idx3-ubyte.gz", root / f"{stem}-labels-idx1-ubyte.gz"
    if not images.exists():
        raise FileNotFoundError(f"{images} is missing: install Debian's dataset-fashion-mnist "
                                "(bash scripts/setup-system.sh), or point LATENT_LAB_FASHION_DATA at the idx files")
    return images, labels


def to_model_range(u8: torch.Tensor) -> torch.Tensor:
    """[N, 28, 28] uint8 -> [N, 1, 32, 32] float in [-1, 1], background -1."""
    x = u8.float().div(127.5).sub(1).unsqueeze(1)
    return F.pad(x, (PAD, PAD, PAD, PAD), value=-1.0)


def one_hot(labels: torch.Tensor) -> torch.Tensor:
    return F.one_hot(labels, len(CLASSES)).float()


class Garments:
    """A split as tensors: images [N, 1, 32, 32] in [-1, 1], labels [N] (int64) and y [N, 10] one-hot."""

    def __init__(self, split: str, max_images: int = 0, root: Path = DATA):
        img_path, lab_path = files(split, root)
        images, labels = read_idx(img_path), read_idx(lab_path)
        if max_images:
            images, labels = images[:max_images], labels[:max_images]
        self.images = to_model_range(torch.from_numpy(images.copy())).contiguous()
        self.labels = torch.from_numpy(labels.astype(np.int64))
        self.y = one_hot(self.labels)

    def __len__(self) -> int:
        return len(self.images)
