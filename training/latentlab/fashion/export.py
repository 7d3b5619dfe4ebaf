"""Export for the browser: manifest.json (the face model's format, declaring one grey channel, the ten classes as a
one-hot condition, the discriminator and G's snapshots) + float16 shards, and the parity fixture for the Node test."""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import torch
from torch.nn.utils import remove_spectral_norm

from ..export import FORMAT, Writer, encoder_layers, f32_b64, generator_layers, nchw_to_nhwc_index, round_to_float16
from .config import CLASSES, FashionConfig
from .data import PAD
from .models import N_CLASSES, Discriminator
from .stages import load_discriminator, load_encoder, load_gan, load_generator

LICENCE = ("Fashion-MNIST (Zalando Research, https://github.com/zalandoresearch/fashion-mnist) is MIT licensed "
           "(Debian's dataset-fashion-mnist: Expat); these weights were trained on it. Copyright (c) 2017 Zalando SE.")
# The data set's licence (Debian's copyright file for dataset-fashion-mnist), shipped beside the weights.
MIT = """Fashion-MNIST: Copyright (c) 2017 Zalando SE, https://tech.zalando.com (MIT / Expat licence)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""
REPORT = "fashion32"


def plain_discriminator(D: Discriminator, rounded: bool = True) -> Discriminator:
    """A copy of D with spectral norm folded into the weights (as D computes them at inference), float16-rounded."""
    D = copy.deepcopy(D).eval()
    for m in [*D.body, D.fc, D.out, D.embed]:
        if hasattr(m, "weight_orig"):
            remove_spectral_norm(m)
    return (round_to_float16(D) if rounded else D).requires_grad_(False)


def discriminator_layers(D: Discriminator, wr: Writer) -> list[dict]:
    layers = []
    convs = [m for m in D.body if isinstance(m, torch.nn.Conv2d)]
    for i, conv in enumerate(convs):
        layers += [wr.conv(f"d.conv{i}", conv), {"op": "lrelu", "alpha": 0.2}]
    c = convs[-1].out_channels
    layers += [{"op": "flatten"}, wr.dense("d.fc", D.fc, in_perm=nchw_to_nhwc_index(c, D.side, D.side)),
               {"op": "lrelu", "alpha": 0.2}]
    heads = torch.nn.Linear(D.fc.out_features, 1 + 2 * N_CLASSES)
    with torch.no_grad():
        heads.weight.copy_(torch.cat([D.out.weight, D.embed.weight.t(), D.aux.weight]))
        heads.bias.copy_(torch.cat([D.out.bias, torch.zeros(N_CLASSES), D.aux.bias]))
    return layers + [wr.dense("d.heads", heads)]


def snapshot_generators(cfg: FashionConfig) -> list[tuple[int, torch.nn.Module]]:
    snaps = load_gan(cfg)["snapshots"]
    return [(it, round_to_float16(load_generator(cfg, snaps[it]))) for it in sorted(snaps)]


def fixture_inputs(cfg: FashionConfig) -> tuple[torch.Tensor, torch.Tensor]:
    """Three garments: a T-shirt, a sneaker, and a half-and-half mix of shirt and sneaker (the class-mixing slider)."""
    z = torch.randn(3, cfg.latent_size, generator=torch.Generator().manual_seed(7))
    y = torch.zeros(3, N_CLASSES)
    y[0, 0], y[1, 7], y[2, 6], y[2, 7] = 1.0, 1.0, 0.5, 0.5
    return z, y


@torch.no_grad()
def parity_fixture(G, E, D, snapshot: tuple[int, torch.nn.Module], cfg: FashionConfig) -> dict:
    z, y = fixture_inputs(cfg)
    x = G(z, y)
    z_hat, y_hat = E(x)
    it, G_snap = snapshot
    return {"latent": f32_b64(z), "attributes": f32_b64(y), "batch": len(z), "image": f32_b64(x.permute(0, 2, 3, 1)),
            "encodedLatent": f32_b64(z_hat), "encodedAttributes": f32_b64(y_hat),
            "discriminator": f32_b64(D.heads(x)), "snapshotIteration": it,
            "snapshotImage": f32_b64(G_snap(z, y).permute(0, 2, 3, 1))}


def export(cfg: FashionConfig, log=print) -> Path:
    out = cfg.out_dir
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.bin"):
        old.unlink()
    G, E = round_to_float16(load_generator(cfg)), round_to_float16(load_encoder(cfg))
    D = plain_discriminator(load_discriminator(cfg))
    wg, we, wd = Writer(), Writer(), Writer()
    g_layers, e_layers, d_layers = generator_layers(G, wg), encoder_layers(E, we, cfg.resolution), discriminator_layers(D, wd)
    groups, files = [], []
    for wr, stem in ((wg, "generator"), (we, "encoder"), (wd, "discriminator")):
        group, fs = wr.write(out, stem)
        groups.append(group)
        files += fs
    snapshots = []
    snaps = snapshot_generators(cfg)
    for it, G_snap in snaps:
        ws = Writer()
        generator_layers(G_snap, ws)  # the same weight names as the generator's, so a snapshot swaps in by name
        group, fs = ws.write(out, f"snapshot-{it:05d}")
        snapshots.append({"iteration": it, "share": round(it / cfg.gan_iters, 4), "weights": group})
        files += fs
    digest = hashlib.sha256("".join(f["sha256"] for f in files).encode()).hexdigest()[:8]
    k, zs = N_CLASSES, cfg.latent_size
    report = cfg.report_dir / f"{REPORT}.json"
    manifest = {
        "format": FORMAT,
        "id": f"fashion32-cgan-{cfg.name}-{digest}",
        "name": "Fashion-MNIST clothing, 32 px (conditional GAN)" if cfg.name == "full"
        else f"Fashion-MNIST clothing, 32 px ({cfg.name} run)",
        "resolution": cfg.resolution,
        "channels": 1,
        "pixelRange": [-1, 1],
        "latent": {"size": zs, "distribution": "normal", "mean": 0, "std": 1},
        "condition": {"kind": "one-hot", "classes": CLASSES,
                      "description": "attributes hold one weight per class: a garment of one class is that class at 1 "
                                     "and the rest at 0; weights between (summing to 1) mix classes"},
        "attributes": [{"name": c, "label": c, "min": 0, "max": 1, "default": 1 if i == 0 else 0, "off": 0, "on": 1}
                       for i, c in enumerate(CLASSES)],
        "framing": {"description": f"A {cfg.resolution - 2 * PAD} px garment, light on a black background, centred and "
                                   f"padded by {PAD} px of background on every side (Fashion-MNIST's framing)",
                    "content": cfg.resolution - 2 * PAD, "pad": PAD, "background": -1},
        "networks": {
            "generator": {"inputs": ["latent", "attributes"], "layers": g_layers},
            "encoder": {"input": "image", "outputs": {"latent": [0, zs], "attributes": [zs, zs + k]},
                        "layers": e_layers},
            "discriminator": {
                "input": "image", "outputs": {"score": [0, 1], "projection": [1, 1 + k], "classLogits": [1 + k, 1 + 2 * k]},
                "verdict": "score + sum(projection * attributes): how real D finds the image as that class (hinge "
                           "loss: above 0 leans real, below 0 leans generated); classLogits: D's own class guess",
                "layers": d_layers},
        },
        "weights": groups,
        "snapshots": snapshots,
        "files": files,
        "training": {"data": "Fashion-MNIST training split (Debian dataset-fashion-mnist), 60,000 images",
                     "licence": LICENCE, "config": cfg.to_json()},
        "evaluation": json.loads(report.read_text()).get("summary", {}) if report.exists() else {},
        "attributePrior": {"rows": [{"values": [1 if j == i else 0 for j in range(k)], "count": 6000} for i in range(k)]},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    (out / "LICENCE.txt").write_text(LICENCE + "\n\n" + MIT)
    fixture = cfg.report_dir / f"{REPORT}-parity.json"
    fixture.parent.mkdir(parents=True, exist_ok=True)
    fixture.write_text(json.dumps(parity_fixture(G, E, D, snaps[0], cfg)))
    total = sum(f["bytes"] for f in files)
    log(f"export: {len(files)} shards ({len(snapshots)} snapshots), {total / 1e6:.2f} MB, {out / 'manifest.json'}")
    return out
