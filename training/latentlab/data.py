"""Decode CelebA's aligned faces once into a 64x64 uint8 cache (outside git) with labels and a split by person; and,
for runs that ask for them, the unaligned head crops aligned as the app aligns a photo."""
from __future__ import annotations

import hashlib
import json
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


def prepare(res: int = 64, log=print, with_crops: bool = False) -> Path:
    """The cache of training faces: the aligned set, and with `with_crops` also the aligned head crops (one file)."""
    aligned = prepare_aligned(res, log)
    return prepare_crops(aligned, res, log) if with_crops else aligned


def prepare_aligned(res: int, log) -> Path:
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


# How far the model's square may reach outside a crop (share of its area) before the crop is left out: beyond the
# border there is only a mirrored copy of the picture, which D must not learn as a face's surroundings.
MAX_OUTSIDE = 0.04
ALIGN_SIZE = 128  # the crops are warped at this size, then downscaled with Lanczos


def crop_transform(landmarks: np.ndarray, template: np.ndarray, size: int) -> np.ndarray:
    """The similarity (no reflection) carrying five landmarks in crop pixels onto the template (fractions of the model
    square) at `size` px, least squares, as the app's alignment fits it (src/photo/align.ts). A 2x3 matrix."""
    dst = template * size
    mf, mt = landmarks.mean(0), dst.mean(0)
    f, t = landmarks - mf, dst - mt
    norm = (f ** 2).sum()
    a = (f * t).sum() / norm
    b = (f[:, 0] * t[:, 1] - f[:, 1] * t[:, 0]).sum() / norm
    tx = mt[0] - (a * mf[0] - b * mf[1])
    ty = mt[1] - (b * mf[0] + a * mf[1])
    return np.array([[a, -b, tx], [b, a, ty]])


def outside_share(m: np.ndarray, w: int, h: int, size: int) -> float:
    """The share of the model square whose source lies outside the w x h crop."""
    inv = np.linalg.inv(np.vstack([m, [0, 0, 1]]))[:2]
    g = (np.arange(0, size, 4) + 2.0)
    xs, ys = np.meshgrid(g, g)
    sx = inv[0, 0] * xs + inv[0, 1] * ys + inv[0, 2]
    sy = inv[1, 0] * xs + inv[1, 1] * ys + inv[1, 2]
    return float(((sx < 0) | (sx >= w) | (sy < 0) | (sy >= h)).mean())


def align_crop(path: Path, landmarks: list, template: np.ndarray, res: int) -> np.ndarray | None:
    """One head crop in the model's framing at res x res, or None when the square reaches too far outside it."""
    with Image.open(path) as im:
        im = im.convert("RGB")
        m = crop_transform(np.array(landmarks, dtype=np.float64), template, ALIGN_SIZE)
        if outside_share(m, im.width, im.height, ALIGN_SIZE) > MAX_OUTSIDE:
            return None
        pad = im.width // 4
        padded = Image.fromarray(np.pad(np.asarray(im), ((pad, pad), (pad, pad), (0, 0)), mode="reflect"))
        inv = np.linalg.inv(np.vstack([m, [0, 0, 1]]))[:2]
        inv[:, 2] += pad  # the padded picture's origin
        warped = padded.transform((ALIGN_SIZE, ALIGN_SIZE), Image.AFFINE, tuple(inv.ravel()), resample=Image.BICUBIC)
        return np.asarray(warped.resize((res, res), Image.LANCZOS), dtype=np.uint8)


def prepare_crops(aligned: Path, res: int, log) -> Path:
    """The aligned set plus the head crops in crops/, aligned from the landmarks that scripts/align-crops.ts found with
    the app's detector onto training/alignment.json's template, the framing the app gives a photo."""
    out = CACHE / f"celeba{res}-with-crops.npz"
    if out.exists():
        log(f"data: cache {out} exists")
        return out
    found_path = CACHE / "crop-landmarks.json"
    if not found_path.exists():
        raise FileNotFoundError(f"{found_path} is missing: run `npx vite-node scripts/align-crops.ts` from the "
                                "repository root first (about 40 minutes on two cores)")
    found = {f: v for f, v in json.loads(found_path.read_text()).items() if v}
    template_json = json.loads((Path(__file__).resolve().parents[1] / "alignment.json").read_text())["landmarks"]
    template = np.array([template_json[k] for k in ("leftEye", "rightEye", "nose", "mouthLeft", "mouthRight")])
    files = sorted(found)
    log(f"data: aligning {len(files)} head crops to {res}px")
    with Pool(2) as pool:
        images = pool.starmap(align_crop, [(CELEBA / "crops" / f, found[f]["landmarks"], template, res)
                                           for f in files], chunksize=64)
    kept = [i for i, im in enumerate(images) if im is not None]
    log(f"data: {len(kept)} of {len(files)} crops kept ({len(files) - len(kept)} reach more than "
        f"{MAX_OUTSIDE:.0%} outside their picture)")
    names, attrs = read_attributes()
    ids = read_identities()
    crop_files = [files[i] for i in kept]
    persons = np.array([ids[f] for f in crop_files], dtype=np.int32)
    d = np.load(aligned)
    tmp = out.with_suffix(".tmp.npz")
    np.savez(
        tmp,
        images=np.concatenate([d["images"], np.stack([images[i] for i in kept])]),
        attrs=np.concatenate([d["attrs"], np.stack([attrs[f] for f in crop_files])]),
        attr_names=d["attr_names"],
        persons=np.concatenate([d["persons"], persons]),
        val=np.concatenate([d["val"], np.array([is_validation_person(int(p)) for p in persons])]),
        files=np.concatenate([d["files"], np.array([f"crops/{f}" for f in crop_files])]),
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
