"""Compare two exported models on the same footing: one evaluator, the same z and label rows, validation people only.

    python3 -m latentlab compare [--faces N] [--seed S] MODEL_DIR...   (from training/; prints JSON)

By default the 500 faces and seed of every earlier comparison; more faces narrow the sampling noise (about 0.013 at
0.90 with 500 faces, 0.007 with 2,000).

Each model's report is measured with its own run's evaluator; this puts two runs side by side under the current one.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

from .classifiers import load_evaluator
from .config import ATTRIBUTE_NAMES, Config
from .data import Faces, prepare
from .metrics import controllability as flips, thresholds
from .manifest_model import load_manifest_model


@torch.no_grad()
def compare_model(model_dir: Path, ev, thr, z, y) -> dict:
    manifest, _, G, _ = load_manifest_model(model_dir)
    assert [a["name"] for a in manifest["attributes"]] == ATTRIBUTE_NAMES, "attribute lists differ"
    gen = lambda zz, yy: G(torch.cat([zz, yy], 1), torch.cat([zz, yy], 1))  # noqa: E731
    out = {f"±{hi:g}": {a: round(v, 3) for a, v in flips(gen, ev, thr, z, y, lo, hi).items()}
           for lo, hi in ((-1.0, 1.0), (-2.0, 2.0))}
    return {"id": manifest["id"], "controllability": out}


def main(argv: list[str]) -> int:
    cfg = Config()
    ap = argparse.ArgumentParser(prog="python3 -m latentlab compare")
    ap.add_argument("--faces", type=int, default=500)
    ap.add_argument("--seed", type=int, default=cfg.seed + 5)
    ap.add_argument("model_dirs", nargs="+")
    args = ap.parse_args(argv)
    data_path = prepare(cfg.resolution, lambda m: None)
    ev = load_evaluator(cfg)
    val = Faces(data_path, ATTRIBUTE_NAMES, "val", 0)
    thr, val_y = thresholds(ev, val), val.y
    torch.manual_seed(args.seed)
    z = torch.randn(args.faces, cfg.latent_size)
    y = val_y[torch.randint(0, len(val_y), (args.faces,))]
    print(json.dumps([compare_model(Path(d), ev, thr, z, y) for d in args.model_dirs], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
