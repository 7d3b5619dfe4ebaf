"""The attribute prior a manifest declares: how often each combination of the binary attributes occurs in the
training split's labels. An aggregate of labels only (at most 2^k counts): no image and no per-image value.

    python3 -m latentlab prior [MANIFEST]   # writes it into an existing manifest (default: the shipped model's)

The app draws a random face's attributes from these counts (src/latent/prior.ts), so a first face looks like a typical
training face instead of one with every attribute off. `export` writes the same field.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from .config import ROOT

DESCRIPTION = ("Joint counts of the attribute labels (manifest order, -1 off / 1 on) over the training split's "
               "CelebA labels; a random face draws its attributes from them.")


def attribute_prior(data_path: Path, names: list[str]) -> dict:
    d = np.load(data_path)
    cols = [list(d["attr_names"]).index(n) for n in names]
    train = d["attrs"][~d["val"]][:, cols]
    counts = Counter(tuple(int(v) for v in row) for row in train)
    rows = [{"values": list(k), "count": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"description": DESCRIPTION, "rows": rows}


def main(argv: list[str]) -> int:
    from .config import Config
    from .data import prepare

    path = Path(argv[0]) if argv else ROOT / "public/models/celeba64/manifest.json"
    manifest = json.loads(path.read_text())
    prior = attribute_prior(prepare(Config().resolution), [a["name"] for a in manifest["attributes"]])
    manifest["attributePrior"] = prior
    path.write_text(json.dumps(manifest, indent=1))
    print(f"{path}: {len(prior['rows'])} combinations over {sum(r['count'] for r in prior['rows'])} training labels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
