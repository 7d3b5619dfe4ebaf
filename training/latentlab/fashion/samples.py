"""Real Fashion-MNIST test images shipped beside the model, so the app can show the discriminator's verdict on real
garments next to generated ones: the first PER_CLASS images of each class in the test split (t10k), as raw uint8
[count, 28, 28] in `test-images.bin`, described by the manifest's `testImages` and listed in its `files`.

Runs after `export` (which clears the folder's *.bin and rewrites manifest.json and LICENCE.txt); the same command
writes the same bytes on any machine. Images from the test split only: none of them was seen in training."""
from __future__ import annotations

import hashlib
import json

import numpy as np

from .config import CLASSES, FashionConfig
from .data import files, read_idx

PER_CLASS = 5
FILE = "test-images.bin"
NOTE = ("The real images in test-images.bin are the first 5 of each class in Fashion-MNIST's test split (t10k), "
        "unchanged: 28 x 28 grey, under the same MIT licence.")


def pick(labels: np.ndarray, per_class: int = PER_CLASS) -> list[int]:
    """Test-split indices: the first `per_class` of each class, class by class in label order."""
    return [int(i) for c in range(len(CLASSES)) for i in np.flatnonzero(labels == c)[:per_class]]


def write_samples(cfg: FashionConfig, log=print) -> dict:
    img_path, lab_path = files("test")
    images, labels = read_idx(img_path), read_idx(lab_path)
    chosen = pick(labels)
    raw = np.ascontiguousarray(images[chosen], dtype=np.uint8).tobytes()
    out = cfg.out_dir
    (out / FILE).write_bytes(raw)
    size = int(images.shape[1])
    entry = {"path": FILE, "bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["testImages"] = {
        "description": f"Real garments for the discriminator's verdict: the first {PER_CLASS} images of each class in "
                       "Fashion-MNIST's test split (t10k, never seen in training), uint8 [count, size, size] row-major, "
                       "0 = black background, 255 = white; framed as `framing` says before D sees them",
        "path": FILE,
        "count": len(chosen),
        "size": size,
        "labels": [int(labels[i]) for i in chosen],
        "indices": chosen,
    }
    manifest["files"] = [f for f in manifest["files"] if f["path"] != FILE] + [entry]
    manifest_path.write_text(json.dumps(manifest, indent=1))
    licence = out / "LICENCE.txt"
    text = licence.read_text() if licence.exists() else ""
    if NOTE not in text:
        licence.write_text(text.rstrip("\n") + "\n\n" + NOTE + "\n")
    log(f"samples: {len(chosen)} real test images ({len(raw)} bytes) -> {out / FILE}")
    return entry
