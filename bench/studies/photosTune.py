"""Paste-back variants on cached fits (bench/studies/photosTune.mjs), read by the independent evaluator: a fast loop to choose
the paste-back on wild photos that bench:photos does not report. It models the app's paste-back in numpy/torch (the
edit layer of src/photo/editLayer.ts, the mask of src/photo/pasteBack.ts, the bilinear read of blendEdit.ts), then
re-aligns each edited photo with the unedited photo's transform (bilinear to 256 px, 4 x 4 mean to 64: within about
0.7 byte units of the app's crop) and reads the flips as photo_flips.py does. Unlike bench:photos it does not find the
face again in the edited photo, which moves the crop by a pixel or so after an edit (Smile reads 1.00 here, 0.93-0.97
there). Aggregates only; nothing per image is written.

    /usr/bin/python3 bench/studies/photosTune.py [--cache /tmp/photos-tune] [--margin 8] [--ellipse 2.4 2.2] [--fade 8 24]
        [--before]   (the paste-back before: hair ellipse 2.2 x 2.0 inside the crop, additive, no margin)
"""
import argparse
import base64
import json
import math
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
from latentlab.classifiers import load_evaluator  # noqa: E402
from latentlab.config import ATTRIBUTE_NAMES, CORE_ATTRIBUTES, Config  # noqa: E402
from latentlab.studies.photo_flips import cached_thresholds  # noqa: E402

R = 64
WILD = ROOT.parent / "shared/datasets/celeba/wild"
ENDS = [f"{a}.{e}" for a in CORE_ATTRIBUTES for e in ("minus", "plus")]


def smoothstep(v):
    c = np.clip(v, 0, 1)
    return c * c * (3 - 2 * c)


def blur3(x):
    """[1 2 1] / 4 each way, edges repeated (editLayer.ts blur3)."""
    p = np.pad(x, 1, mode="edge")
    x = (p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:])[1:-1] / 4
    p = np.pad(x, ((1, 1), (0, 0)), mode="edge")
    return (p[:-2] + 2 * p[1:-1] + p[2:]) / 4


def face_mask(landmarks, margin, rxk, ryk, crop_edge):
    """pasteBack.ts faceMask on the (R + 2 margin)² canvas; crop_edge: the old mask (min with the crop's border)."""
    w, side = R / 32, R + 2 * margin
    p = {k: np.array(v) * R + margin for k, v in landmarks.items()}
    eyes = (p["leftEye"] + p["rightEye"]) / 2
    mouth = (p["mouthLeft"] + p["mouthRight"]) / 2
    d = p["rightEye"] - p["leftEye"]
    rx, ry, ang = rxk * np.linalg.norm(d), ryk * np.linalg.norm(mouth - eyes), math.atan2(d[1], d[0])
    y, x = np.mgrid[0:side, 0:side] + 0.5
    dx, dy = x - eyes[0], y - eyes[1]
    u = (dx * math.cos(ang) + dy * math.sin(ang)) / rx
    v = (-dx * math.sin(ang) + dy * math.cos(ang)) / ry
    inside_e = (1 - np.hypot(u, v)) * min(rx, ry)
    inside_c = np.minimum(np.minimum(x, y), np.minimum(side - x, side - y))
    if crop_edge:
        return smoothstep((np.minimum(inside_e, inside_c) - w) / (2 * w)).astype(np.float32)
    return (smoothstep((inside_e - w) / (2 * w)) * smoothstep((inside_c - w) / (2 * w))).astype(np.float32)


def change(edited, base, target, fade):
    """editLayer.ts: D, plus alpha (G(base) - T) where the edit is large (fade None: D alone)."""
    d = edited - base
    if fade is None:
        return d
    alpha = blur3(smoothstep((blur3(np.abs(d).mean(-1)) - fade[0]) / (fade[1] - fade[0])))
    return d + alpha[..., None] * (base - target)


def load(path: Path):
    row = json.loads(path.read_text())
    fit = row.get("fit")
    if row.get("phase") != "done" or not fit or "error" in fit:
        return None
    img = lambda s: np.frombuffer(base64.b64decode(s), np.uint8).reshape(R, R, 3).astype(np.float32)  # noqa: E731
    photo = ImageOps.exif_transpose(Image.open(WILD / path.name[: -len(".json")])).convert("RGB")
    return {"photo": torch.from_numpy(np.asarray(photo, np.float32).copy()), "t": fit["transform"],
            "target": img(fit["target"]), "faces": {k: img(v) for k, v in fit["faces"].items()}}


def paste(p, layer, margin):
    """photo + change x mask, the layer read bilinearly at each photo pixel's centre, 0 off the canvas; bytes."""
    t, (h, w) = p["t"], p["photo"].shape[:2]
    y, x = torch.meshgrid(torch.arange(h, dtype=torch.float64) + 0.5, torch.arange(w, dtype=torch.float64) + 0.5,
                          indexing="ij")
    side = R + 2 * margin
    cx = t["a"] * x - t["b"] * y + t["tx"] + margin
    cy = t["b"] * x + t["a"] * y + t["ty"] + margin
    grid = torch.stack([cx / side * 2 - 1, cy / side * 2 - 1], -1).float()[None]
    lay = F.grid_sample(torch.from_numpy(layer.transpose(2, 0, 1).copy())[None], grid, align_corners=False)[0]
    return (p["photo"] + (lay[:3] * lay[3:]).permute(1, 2, 0)).round().clamp(0, 255)


def realign(photo, t, side=256):
    d = t["a"] ** 2 + t["b"] ** 2
    a, b = t["a"] / d, -t["b"] / d
    tx, ty = -(a * t["tx"] - b * t["ty"]), -(b * t["tx"] + a * t["ty"])
    h, w = photo.shape[:2]
    c = (torch.arange(side, dtype=torch.float64) + 0.5) * R / side
    v, u = torch.meshgrid(c, c, indexing="ij")
    grid = torch.stack([(a * u - b * v + tx) / w * 2 - 1, (b * u + a * v + ty) / h * 2 - 1], -1).float()[None]
    big = F.grid_sample(photo.permute(2, 0, 1)[None], grid, align_corners=False)
    return F.avg_pool2d(big, side // R)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/photos-tune"))
    ap.add_argument("--margin", type=int, default=8)
    ap.add_argument("--ellipse", type=float, nargs=2, default=[2.4, 2.2])
    ap.add_argument("--fade", type=float, nargs=2, default=[8, 24])
    ap.add_argument("--before", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    landmarks = json.loads((ROOT / "public/models/celeba64/manifest.json").read_text())["alignment"]["landmarks"]
    margin, fade = (0, None) if args.before else (args.margin, args.fade)
    ellipse = (2.2, 2.0) if args.before else args.ellipse
    mask = face_mask(landmarks, margin, *ellipse, crop_edge=args.before)
    photos = [p for p in map(load, sorted(args.cache.glob("*.json"))) if p]
    crops = {k: [] for k in ENDS}
    for p in photos:
        for k in ENDS:
            c = np.pad(change(p["faces"][k], p["faces"]["unedited"], p["target"], fade),
                       ((margin, margin), (margin, margin), (0, 0)), mode="edge")
            layer = np.concatenate([c, mask[..., None]], -1).astype(np.float32)
            crops[k].append(realign(paste(p, layer, margin), p["t"]))
    ev, cfg = load_evaluator(Config()), Config()
    thr = cached_thresholds(ev, cfg, args.cache / "thresholds.json")
    with torch.no_grad():
        logits = {k: ev(torch.stack(v) / 127.5 - 1) for k, v in crops.items()}
    out = {"photos": len(photos), "margin": margin, "ellipse": ellipse, "fade": fade, "flips": {}}
    for a in CORE_ATTRIBUTES:
        j = ATTRIBUTE_NAMES.index(a)
        on = logits[f"{a}.plus"][:, j] > thr[j]
        off = logits[f"{a}.minus"][:, j] <= thr[j]
        out["flips"][a] = {"flip": float((on & off).float().mean()), "on_at_plus": float(on.float().mean()),
                           "off_at_minus": float(off.float().mean())}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
