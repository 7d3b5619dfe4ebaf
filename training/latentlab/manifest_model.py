"""Builds PyTorch modules from an exported manifest and its shards, mirroring src/engine/faceModel.ts. Used by the
benchmark (native PyTorch on the very weights the browser runs) and counts each network's FLOPs."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F


def load_weights(model_dir: Path, manifest: dict) -> dict[str, torch.Tensor]:
    out = {}
    for group in manifest["weights"]:
        data = b"".join((model_dir / p).read_bytes() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization", {}).get("dtype")
            dt, size = (np.float16, 2) if q == "float16" else (np.float32, 4)
            arr = np.frombuffer(data, dtype=dt, count=n, offset=offset).astype(np.float32).reshape(w["shape"])
            offset += n * size
            out[w["name"]] = torch.from_numpy(arr.copy())
    return out


class ManifestNet(torch.nn.Module):
    def __init__(self, layers: list[dict], weights: dict[str, torch.Tensor]):
        super().__init__()
        self.layers = layers
        for name, t in weights.items():
            # conv weights to torch's [out, in, kh, kw]; dense weights stay [in, out]
            self.register_buffer(name.replace(".", "_"), t)
        self.conv_w = {l["weight"]: weights[l["weight"]].permute(3, 2, 0, 1).contiguous() for l in layers if l["op"] == "conv2d"}
        for k, v in self.conv_w.items():
            self.register_buffer("c_" + k.replace(".", "_"), v)
        # Python ints, so that tracing (torch.onnx.export in bench.py) sees constant paddings.
        self.kernel = {k: int(v.shape[-1]) for k, v in self.conv_w.items()}

    def w(self, name: str) -> torch.Tensor:
        return getattr(self, name.replace(".", "_"))

    def forward(self, x: torch.Tensor, cond: torch.Tensor | None = None) -> torch.Tensor:
        for l in self.layers:
            op = l["op"]
            if op == "dense":
                x = x @ self.w(l["weight"]) + self.w(l["bias"])
            elif op == "reshape":
                h, w, c = l["shape"]
                x = x.view(-1, h, w, c).permute(0, 3, 1, 2)
            elif op == "flatten":
                x = x.permute(0, 2, 3, 1).flatten(1)
            elif op == "pixelnorm":
                x = x * torch.rsqrt(x.pow(2).mean(1, keepdim=True) + l["eps"])
            elif op == "modulate":
                g = cond @ self.w(l["gamma"]) + self.w(l["gammaBias"])
                b = cond @ self.w(l["beta"]) + self.w(l["betaBias"])
                x = x * (1 + g[:, :, None, None]) + b[:, :, None, None]
            elif op == "lrelu":
                x = F.leaky_relu(x, l["alpha"])
            elif op == "upsample":
                x = F.interpolate(x, scale_factor=l["factor"], mode="nearest")
            elif op == "conv2d":
                k = self.kernel[l["weight"]]
                x = F.conv2d(x, getattr(self, "c_" + l["weight"].replace(".", "_")), self.w(l["bias"]),
                             stride=l["stride"], padding=(k - 1) // 2 if l["stride"] == 1 else 1)
            elif op == "tanh":
                x = torch.tanh(x)
            else:
                raise ValueError(f"unknown op {op}")
        return x


def flops(layers: list[dict], weights: dict[str, torch.Tensor], input_shape: tuple, cond_dim: int = 0) -> int:
    """Multiply-adds counted as 2 FLOPs for dense, conv and modulate; elementwise ops 1 FLOP per element."""
    total, shape = 0, input_shape  # shape without batch: (n,) or (h, w, c)
    for l in layers:
        op = l["op"]
        size = int(np.prod(shape))
        if op == "dense":
            i, o = weights[l["weight"]].shape
            total += 2 * i * o + o
            shape = (o,)
        elif op == "reshape":
            shape = tuple(l["shape"])
        elif op == "flatten":
            shape = (size,)
        elif op == "pixelnorm":
            total += 4 * size
        elif op == "modulate":
            c = shape[-1]
            total += 2 * 2 * cond_dim * c + 2 * size
        elif op in ("lrelu", "tanh"):
            total += size
        elif op == "upsample":
            shape = (shape[0] * l["factor"], shape[1] * l["factor"], shape[2])
        elif op == "conv2d":
            kh, kw, ci, co = weights[l["weight"]].shape
            h, w = -(-shape[0] // l["stride"]), -(-shape[1] // l["stride"])
            total += 2 * kh * kw * ci * co * h * w + h * w * co
            shape = (h, w, co)
    return int(total)


def load_manifest_model(model_dir: Path):
    manifest = json.loads((model_dir / "manifest.json").read_text())
    weights = load_weights(model_dir, manifest)
    g = ManifestNet(manifest["networks"]["generator"]["layers"], weights).eval()
    e = ManifestNet(manifest["networks"]["encoder"]["layers"], weights).eval() if "encoder" in manifest["networks"] else None
    return manifest, weights, g, e
