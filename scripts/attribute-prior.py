"""Writes a model's attribute prior into its manifest: how often each combination of its binary attributes occurs
in the training labels (CelebA's list_attr_celeba.txt, the people the training split keeps). An aggregate of labels
only (64 counts for 6 attributes): no image and no per-image value leaves the dataset.

    python3 scripts/attribute-prior.py [public/models/celeba64/manifest.json]

The app draws a random face's attributes from these counts (src/latent/prior.ts), so a first face looks like a
typical training face instead of one with every attribute off. Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELEBA = ROOT.parent / "shared" / "datasets" / "celeba"


def is_validation_person(person: int) -> bool:
    # The training pipeline's split (training/latentlab/data.py): ~10% of people, by a stable hash, held out.
    return hashlib.sha1(str(person).encode()).digest()[0] < 26


def prior(attributes: list[str]) -> list[dict]:
    lines = (CELEBA / "list_attr_celeba.txt").read_text().splitlines()
    cols = [lines[1].split().index(a) for a in attributes]
    labels = {p[0]: p[1:] for p in (line.split() for line in lines[2:]) if p}
    persons = dict(line.split() for line in (CELEBA / "identity_CelebA.txt").read_text().splitlines() if line.strip())
    files = sorted(p.name for p in (CELEBA / "aligned").glob("*.jpg"))
    train = [f for f in files if not is_validation_person(int(persons[f]))]
    counts = Counter(tuple(int(labels[f][c]) for c in cols) for f in train)
    return [{"values": list(k), "count": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "public/models/celeba64/manifest.json"
    manifest = json.loads(path.read_text())
    names = [a["name"] for a in manifest["attributes"]]
    rows = prior(names)
    manifest["attributePrior"] = {
        "description": "Joint counts of the attribute labels (manifest order, -1 off / 1 on) over the training split's "
        "CelebA labels; a random face draws its attributes from them.",
        "rows": rows,
    }
    path.write_text(json.dumps(manifest, indent=1))
    print(f"{path}: {len(rows)} combinations over {sum(r['count'] for r in rows)} training labels")


if __name__ == "__main__":
    main()
