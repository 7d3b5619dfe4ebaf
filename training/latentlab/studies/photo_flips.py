"""Attribute flips of the app's edited full-resolution photos, read by the independent evaluator (issues 15 and 29).

`npm run bench:photos` edits each refined photo with Blond_Hair, Bangs, Smiling and Male at slider values -2, -1, +1
and +2 (issue 29; issue 15 edited at the slider's ends, -2 and +2, only), finds the face in each edited photo again,
re-aligns it to the model's framing and saves that crop at the model's size (64x64 RGB bytes, raw) in a scratch folder
outside git, beside the unedited photo put through the same re-alignment:

    DIR/<photo>.unedited.rgb, DIR/<photo>.<attribute>.<end>.rgb   (end: minus2, minus1, plus1, plus2)

and, for reference, the generator's own faces for the same inputs before paste-back (G_fit at the model's size), as
DIR/<photo>.generated.unedited.rgb and DIR/<photo>.generated.<attribute>.<end>.rgb.

This module reads them with the evaluator exactly as evaluate.py does (pixels in [-1, 1], NCHW; per attribute the
logit threshold that maximises balanced accuracy on real validation faces) and writes aggregates only, per attribute
and per pair of ends (PAIRS: "1" is -1 -> +1, "2" is -2 -> +2):

- flip: the share of photos read "on" at the + end AND "off" at the - end (both edits read as asked);
- on_at_plus, off_at_minus: each end alone;
- moves: the share whose logit rises from the unedited photo at the + end AND falls at the - end;
- unedited_on: the share of unedited photos read "on" (where the photos start).

A photo counts for an attribute and pair when the unedited crop and both ends exist (the face was found again in
each). The same figures for the generator's own faces are under each pair's "generator" key.

    python3 -m latentlab.studies.photo_flips DIR [--out FILE]    (run from training/)
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
import torch

from ..classifiers import load_evaluator
from ..config import CACHE, CORE_ATTRIBUTES, ATTRIBUTE_NAMES, Config
from ..data import Faces
from ..metrics import batched, thresholds


def read_crop(path: Path, res: int) -> torch.Tensor:
    """[3, res, res] in [-1, 1] from res x res x 3 RGB bytes, as data.Faces reads its cache."""
    raw = np.frombuffer(path.read_bytes(), dtype=np.uint8)
    if raw.size != res * res * 3:
        raise ValueError(f"{path}: expected {res * res * 3} bytes, found {raw.size}")
    return torch.from_numpy(raw.reshape(res, res, 3).copy()).permute(2, 0, 1).float().div(127.5).sub(1)


def cached_thresholds(ev, cfg: Config, cache: Path) -> torch.Tensor:
    """metrics.thresholds on every real validation face, kept in `cache` while the evaluator file is unchanged."""
    weights = cfg.work_dir / "evaluator.pt"
    key = f"{weights.stat().st_mtime_ns}:{weights.stat().st_size}"
    if cache.exists():
        saved = json.loads(cache.read_text())
        if saved.get("key") == key:
            return torch.tensor(saved["thresholds"])
    thr = thresholds(ev, Faces(CACHE / f"celeba{cfg.resolution}.npz", ATTRIBUTE_NAMES, "val"))
    cache.write_text(json.dumps({"key": key, "thresholds": thr.tolist()}))
    return thr


def evaluator_of(cfg: Config):
    """The face model's evaluator. It is a training output kept in the training cache, not in git: a machine without
    one (a fresh clone) trains it first, as `python3 -m latentlab evaluator` does (about 5 minutes on 2 cores)."""
    if not (cfg.work_dir / "evaluator.pt").exists():
        from ..classifiers import train_evaluator
        from ..data import prepare

        def log(msg: str) -> None:
            print(f"[photo_flips] {msg}", file=sys.stderr, flush=True)

        log(f"no evaluator in {cfg.work_dir}: training it (real CelebA faces only, never a loss of the app's model)")
        cfg.work_dir.mkdir(parents=True, exist_ok=True)
        threads = torch.get_num_threads()
        # The pipeline's own thread count (__main__.stage_args): with it, the same weights as its evaluator stage.
        torch.set_num_threads(int(os.environ.get("LATENT_LAB_THREADS", "2")))
        with torch.enable_grad():
            auc = train_evaluator(cfg, prepare(cfg.resolution, log), log)["auc"]
        torch.set_num_threads(threads)
        log("evaluator AUC: " + json.dumps(auc))
    return load_evaluator(cfg)


# The pairs of slider ends read, by the crops' end names: "1" is -1 -> +1, "2" is -2 -> +2.
PAIRS = {"1": ("minus1", "plus1"), "2": ("minus2", "plus2")}


@torch.no_grad()
def photo_flips(folder: Path, cfg: Config = Config()) -> dict:
    ev = evaluator_of(cfg)
    thr = cached_thresholds(ev, cfg, folder / "thresholds.json")
    res = cfg.resolution
    photos = sorted(p.name[: -len(".unedited.rgb")] for p in folder.glob("*.unedited.rgb")
                    if not p.name.endswith(".generated.unedited.rgb"))
    out = {}
    for a in CORE_ATTRIBUTES:
        j = ATTRIBUTE_NAMES.index(a)
        out[a] = {pair: {**readings(ev, folder, photos, "", a, ends, j, float(thr[j]), res),
                         "generator": readings(ev, folder, photos, "generated.", a, ends, j, float(thr[j]), res)}
                  for pair, ends in PAIRS.items()}
    return {"photos": len(photos), "pairs": {p: f"-{p} -> +{p}" for p in PAIRS}, "attributes": out}


def readings(ev, folder: Path, photos: list[str], prefix: str, a: str, ends: tuple[str, str], j: int, thr: float,
             res: int) -> dict:
    """The module's figures for attribute `a` (column j) between `ends` (the - and + end's names) over the crops
    named `<photo>.<prefix>...rgb`."""
    minus, plus = f"{a}.{ends[0]}", f"{a}.{ends[1]}"
    names = [p for p in photos if all((folder / f"{p}.{prefix}{s}.rgb").exists()
                                      for s in ("unedited", minus, plus))]
    if not names:
        return {"photos": 0, "missing": len(photos)}
    crops = {k: torch.stack([read_crop(folder / f"{p}.{prefix}{s}.rgb", res) for p in names])
             for k, s in (("unedited", "unedited"), ("minus", minus), ("plus", plus))}
    logit = {k: batched(ev, x)[:, j] for k, x in crops.items()}
    on = {k: v > thr for k, v in logit.items()}

    def share(m: torch.Tensor) -> float:
        return float(m.float().mean())

    return {
        "photos": len(names),
        "missing": len(photos) - len(names),
        "flip": share(on["plus"] & ~on["minus"]),
        "on_at_plus": share(on["plus"]),
        "off_at_minus": share(~on["minus"]),
        "moves": share((logit["plus"] > logit["unedited"]) & (logit["minus"] < logit["unedited"])),
        "unedited_on": share(on["unedited"]),
        "threshold": thr,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m latentlab.studies.photo_flips", description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    text = json.dumps(photo_flips(args.folder), indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
