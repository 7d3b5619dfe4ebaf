"""Export the generator and encoder for the browser: manifest.json + float16 weight shards in tfjs's weights format,
plus a parity fixture (fixed inputs and PyTorch outputs) for the Node parity test."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import numpy as np
import torch

from .config import ATTRIBUTE_NAMES, ATTRIBUTES, ROOT, Config
from .data import CROP_CENTER, CROP_SIZE, prepare
from .models import Encoder, Generator
from .encoder import load_encoder
from .gan import load_generator
from .prior import attribute_prior

SHARD_BYTES = 4_000_000  # every file under 4 MiB
FORMAT = "latent-lab-model/1"
LICENCE = ("CelebA is available for non-commercial research purposes only (see the CelebA agreement); "
           "these weights were trained on it and inherit that restriction.")


def round_to_float16(module: torch.nn.Module) -> torch.nn.Module:
    """The shipped weights are float16; evaluation and parity use exactly these values."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(p.half().float())
    return module


class Writer:
    def __init__(self):
        self.entries: list[dict] = []
        self.arrays: list[np.ndarray] = []

    def add(self, name: str, arr: torch.Tensor) -> str:
        a = arr.detach().cpu().numpy().astype(np.float32)
        self.entries.append({"name": name, "shape": list(a.shape), "dtype": "float32",
                             "quantization": {"dtype": "float16", "original_dtype": "float32"}})
        self.arrays.append(a.astype(np.float16))
        return name

    def dense(self, prefix: str, lin: torch.nn.Linear, out_perm=None, in_perm=None) -> dict:
        w = lin.weight.detach()  # [out, in]
        b = lin.bias.detach() if lin.bias is not None else torch.zeros(w.shape[0])
        if out_perm is not None:
            w, b = w[out_perm], b[out_perm]
        if in_perm is not None:
            w = w[:, in_perm]
        return {"op": "dense", "weight": self.add(prefix + ".w", w.t().contiguous()), "bias": self.add(prefix + ".b", b)}

    def conv(self, prefix: str, conv: torch.nn.Conv2d) -> dict:
        w = conv.weight.detach().permute(2, 3, 1, 0).contiguous()  # [kh, kw, in, out]
        return {"op": "conv2d", "weight": self.add(prefix + ".w", w), "bias": self.add(prefix + ".b", conv.bias.detach()),
                "stride": conv.stride[0], "pad": "same"}

    def write(self, out_dir: Path, stem: str) -> tuple[dict, list[dict]]:
        data = b"".join(a.tobytes() for a in self.arrays)
        paths, files = [], []
        for i in range(0, len(data), SHARD_BYTES):
            name = f"{stem}.{i // SHARD_BYTES + 1}.bin"
            chunk = data[i : i + SHARD_BYTES]
            (out_dir / name).write_bytes(chunk)
            paths.append(name)
            files.append({"path": name, "bytes": len(chunk), "sha256": hashlib.sha256(chunk).hexdigest()})
        return {"paths": paths, "weights": self.entries}, files


def nchw_to_nhwc_index(c: int, h: int, w: int) -> torch.Tensor:
    """perm[j] = NCHW flat index of the element at NHWC flat index j."""
    return torch.arange(c * h * w).view(c, h, w).permute(1, 2, 0).reshape(-1)


def generator_layers(G: Generator, wr: Writer) -> list[dict]:
    c0 = G.channels[0]
    layers = [wr.dense("g.fc", G.fc, out_perm=nchw_to_nhwc_index(c0, 4, 4)), {"op": "reshape", "shape": [4, 4, c0]}]

    def norm_mod_act(i: int):
        m = G.mods[i]
        return [{"op": "pixelnorm", "eps": G.norm.eps},
                {"op": "modulate", "gamma": wr.add(f"g.mod{i}.gw", m.gamma.weight.t()),
                 "gammaBias": wr.add(f"g.mod{i}.gb", m.gamma.bias), "beta": wr.add(f"g.mod{i}.bw", m.beta.weight.t()),
                 "betaBias": wr.add(f"g.mod{i}.bb", m.beta.bias)},
                {"op": "lrelu", "alpha": 0.2}]

    layers += norm_mod_act(0)
    for i, conv in enumerate(G.convs):
        layers += [{"op": "upsample", "factor": 2}, wr.conv(f"g.conv{i}", conv)] + norm_mod_act(i + 1)
    layers += [wr.conv("g.rgb", G.to_rgb), {"op": "tanh"}]
    return layers


def encoder_layers(E: Encoder, wr: Writer, res: int) -> list[dict]:
    layers = []
    convs = [m for m in E.body if isinstance(m, torch.nn.Conv2d)]
    for i, conv in enumerate(convs):
        layers += [wr.conv(f"e.conv{i}", conv), {"op": "lrelu", "alpha": 0.2}]
    side, c = res // 2 ** len(convs), convs[-1].out_channels
    layers += [{"op": "flatten"}, wr.dense("e.fc", E.fc, in_perm=nchw_to_nhwc_index(c, side, side)),
               {"op": "lrelu", "alpha": 0.2}, wr.dense("e.out", E.out)]
    return layers


def alignment_landmarks() -> dict:
    """Where the app's face detector finds eyes, nose and mouth in training crops (scripts/derive-alignment.ts)."""
    path = ROOT / "training" / "alignment.json"
    if not path.exists():
        return {}
    a = json.loads(path.read_text())
    return {"landmarks": a["landmarks"], "landmarksMeasured": {"faces": a["faces"], "detected": a["detected"]}}


def f32_b64(t: torch.Tensor) -> str:
    return base64.b64encode(t.detach().cpu().numpy().astype("<f4").tobytes()).decode()


def parity_fixture(G: Generator, E: Encoder, cfg: Config) -> dict:
    g = torch.Generator().manual_seed(7)
    z = torch.randn(2, cfg.latent_size, generator=g)
    y = torch.tensor([[1.0 if (i + j) % 2 else -1.0 for j in range(len(ATTRIBUTE_NAMES))] for i in range(2)])
    y[1, 0] = 1.7  # a value inside the slider range but outside the training labels
    with torch.no_grad():
        x = G(z, y)
        z_hat, y_hat = E(x)
    return {"latent": f32_b64(z), "attributes": f32_b64(y), "batch": 2,
            "image": f32_b64(x.permute(0, 2, 3, 1)), "encodedLatent": f32_b64(z_hat), "encodedAttributes": f32_b64(y_hat)}


def export(cfg: Config, log=print, data_path: Path | None = None) -> Path:
    out = cfg.out_dir
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.bin"):
        old.unlink()
    G, E = round_to_float16(load_generator(cfg)), round_to_float16(load_encoder(cfg))
    wg, we = Writer(), Writer()
    g_layers, e_layers = generator_layers(G, wg), encoder_layers(E, we, cfg.resolution)
    g_group, g_files = wg.write(out, "generator")
    e_group, e_files = we.write(out, "encoder")
    k = len(ATTRIBUTE_NAMES)
    report = cfg.report_dir / "celeba64.json"
    # The id names these exact weights: a face saved as JSON (z, y) means something only to the weights that made it,
    # so a retrained model must refuse faces from the one before.
    digest = hashlib.sha256("".join(f["sha256"] for f in g_files + e_files).encode()).hexdigest()[:8]
    manifest = {
        "format": FORMAT,
        "id": f"celeba64-icgan-{cfg.name}-{digest}",
        "name": "CelebA faces, 64 px (IcGAN)" if cfg.name == "full" else f"CelebA faces, 64 px ({cfg.name} run)",
        "resolution": cfg.resolution,
        "pixelRange": [-1, 1],
        "latent": {"size": cfg.latent_size, "distribution": "normal", "mean": 0, "std": 1},
        "attributes": [{"name": n, "label": lab, "min": -2, "max": 2, "default": -1, "off": -1, "on": 1}
                       for n, lab in ATTRIBUTES],
        "alignment": {
            "description": "Square crop of CelebA's aligned 178x218 face: side = size x width, centred at center x (width, height).",
            "source": {"width": 178, "height": 218}, "size": CROP_SIZE, "center": list(CROP_CENTER),
            **alignment_landmarks()},
        "networks": {
            "generator": {"inputs": ["latent", "attributes"], "layers": g_layers},
            "encoder": {"input": "image", "outputs": {"latent": [0, cfg.latent_size],
                                                      "attributes": [cfg.latent_size, cfg.latent_size + k]},
                        "layers": e_layers},
        },
        "weights": [g_group, e_group],
        "files": g_files + e_files,
        "training": {"data": "CelebA aligned faces (../shared/datasets/celeba/aligned), split by person",
                     "licence": LICENCE, "config": cfg.to_json()},
        "evaluation": json.loads(report.read_text()).get("summary", {}) if report.exists() else {},
        "attributePrior": attribute_prior(data_path or prepare(cfg.resolution, log), ATTRIBUTE_NAMES),
    }
    for f in manifest["files"]:
        f["path"] = Path(f["path"]).name
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    (out / "LICENCE.txt").write_text(LICENCE + "\n")
    fixture_path = cfg.report_dir / "celeba64-parity.json"
    fixture_path.parent.mkdir(parents=True, exist_ok=True)
    fixture_path.write_text(json.dumps(parity_fixture(G, E, cfg)))
    total = sum(f["bytes"] for f in manifest["files"])
    log(f"export: {len(manifest['files'])} shards, {total / 1e6:.2f} MB, manifest {out / 'manifest.json'}")
    return out
