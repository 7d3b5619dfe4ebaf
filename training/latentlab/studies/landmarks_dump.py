"""Writes a sample of training faces (full aligned frames, RGB, 178x218) as raw bytes for
scripts/derive-alignment.ts, which measures where the face detector finds eyes, nose and mouth in the training
framing. The dump lives outside git (in the cache); only the averaged geometry is committed."""
from __future__ import annotations

import sys

import numpy as np
from PIL import Image

from ..config import CACHE, CELEBA
from ..data import is_validation_person, read_identities


def main(n: int = 300) -> None:
    ids = read_identities()
    files = [f for f in sorted(p.name for p in (CELEBA / "aligned").glob("*.jpg")) if not is_validation_person(ids[f])]
    rng = np.random.default_rng(0)
    pick = rng.choice(len(files), size=min(n, len(files)), replace=False)
    out = np.stack([np.asarray(Image.open(CELEBA / "aligned" / files[i]).convert("RGB").resize((178, 218), Image.LANCZOS))
                    for i in sorted(pick)])
    path = CACHE / "alignment-sample.rgb"
    path.write_bytes(out.tobytes())
    print(f"{path} {len(out)} 218 178")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
