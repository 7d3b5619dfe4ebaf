"""Decode CelebA's aligned faces once into a 64x64 uint8 cache (outside git) with labels and a split by person."""
from __future__ import annotations

import hashlib
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from PIL import Image

from .config import CACHE, CELEBA

# CelebA's aligned crop is 178x218 with the eyes at fixed positions. A square of 0.83 x width centred at
# (0.5 w, 0.53 h) keeps hair and chin in frame. The app's photo alignment reads this geometry from the manifest.
CROP_SIZE = 0.83  # fraction of width
CROP_CENTER = (0.5, 0.53)  # fraction of (width, height)


def read_attributes(path: Path = CELEBA / "list_attr_celeba.txt") -> tuple[list[str], dict[str, np.ndarray]]:
    lines = path.read_text().splitlines()
    names = lines[1].split()
    rows = {}
    for line in lines[2:]:
        parts = line.split()
        if parts:
            rows[parts[0]] = np.array([int(v) for v in parts[1:]], dtype=np.int8)
    return names, rows


def read_identities(path: Path = CELEBA / "identity_CelebA.txt") -> dict[str, int]:
    out = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 2:
            out[parts[0]] = int(parts[1])
    return out


def crop_box(w: int, h: int) -> tuple[int, int, int, int]:
    side = CROP_SIZE * w
    cx, cy = CROP_CENTER[0] * w, CROP_CENTER[1] * h
    return (round(cx - side / 2), round(cy - side / 2), round(cx + side / 2), round(cy + side / 2))


def load_face(path: Path, res: int = 64) -> np.ndarray:
    with Image.open(path) as im:
        im = im.convert("RGB")
        return np.asarray(im.resize((res, res), Image.LANCZOS, box=crop_box(*im.size)), dtype=np.uint8)


def is_validation_person(person: int) -> bool:
    # A stable hash of the person id: ~10% of people, never their photos in training.
    return hashlib.sha1(str(person).encode()).digest()[0] < 26


def prepare(res: int = 64, log=print) -> Path:
    out = CACHE / f"celeba{res}.npz"
    if out.exists():
        log(f"data: cache {out} exists")
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    names, attrs = read_attributes()
    ids = read_identities()
    files = sorted(p.name for p in (CELEBA / "aligned").glob("*.jpg"))
    log(f"data: decoding {len(files)} aligned faces to {res}px")
    with Pool(2) as pool:
        images = pool.starmap(load_face, [(CELEBA / "aligned" / f, res) for f in files], chunksize=64)
    persons = np.array([ids[f] for f in files], dtype=np.int32)
    tmp = out.with_suffix(".tmp.npz")
    np.savez(
        tmp,
        images=np.stack(images),
        attrs=np.stack([attrs[f] for f in files]),
        attr_names=np.array(names),
        persons=persons,
        val=np.array([is_validation_person(int(p)) for p in persons]),
        files=np.array(files),
    )
    tmp.rename(out)
    log(f"data: wrote {out}")
    return out


class Faces:
    """The cached faces as float tensors in [-1, 1] (NCHW) with y in {-1, 1} for the chosen attributes."""

    def __init__(self, path: Path, attributes: list[str], split: str, max_images: int = 0):
        import torch

        d = np.load(path)
        mask = d["val"] if split == "val" else ~d["val"]
        idx = np.nonzero(mask)[0]
        if max_images:
            idx = idx[:max_images]
        names = list(d["attr_names"])
        cols = [names.index(a) for a in attributes]
        self.images = torch.from_numpy(d["images"][idx]).permute(0, 3, 1, 2).float().div(127.5).sub(1).contiguous()
        self.y = torch.from_numpy(d["attrs"][idx][:, cols].astype(np.float32))
        self.persons = d["persons"][idx]

    def __len__(self) -> int:
        return len(self.images)
