"""Native side of `npm run bench`: the browser's computations, with the same exported weights, in PyTorch on this
machine, plus the FLOPs of each network and the machine's attainable FLOP/s (a float32 matrix product).
With --onnx DIR, also writes the generator and encoder as ONNX graphs into DIR/<model id>/ (torch.onnx.export, which
needs no `onnx` package; reused while the manifest is unchanged) for bench/lib/onnx.mjs to time with onnxruntime-node.
Prints one JSON object. Usage: python3 -m latentlab.studies.bench MODEL_DIR [--quick] [--onnx DIR]"""
from __future__ import annotations

import json
import platform
import sys
import time
import warnings
from pathlib import Path

import torch

from ..manifest_model import flops, load_manifest_model


def timed(fn, n: int, warm: int = 3) -> list[float]:
    for _ in range(warm):
        fn()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def summary(xs: list[float]) -> dict:
    return {"p50": pct(xs, 50), "p95": pct(xs, 95), "mean": sum(xs) / len(xs), "n": len(xs)}


def matmul_gflops(n: int = 1024, reps: int = 10) -> float:
    a, b = torch.randn(n, n), torch.randn(n, n)
    ms = timed(lambda: a @ b, reps, warm=2)
    return 2 * n ** 3 / (min(ms) / 1000) / 1e9


class _Generator(torch.nn.Module):
    """One input for export: the mirror's generator takes the network input twice (layers and modulation)."""

    def __init__(self, g: torch.nn.Module):
        super().__init__()
        self.g = g

    def forward(self, w: torch.Tensor) -> torch.Tensor:
        return self.g(w, w)


def export_onnx(out_dir: Path, manifest: dict, G, E) -> dict:
    """The generator ([1, latent + k] -> NCHW image) and encoder (NCHW image -> [1, outputs]) as ONNX files."""
    folder = out_dir / manifest["id"]
    folder.mkdir(parents=True, exist_ok=True)
    zs, k, r = manifest["latent"]["size"], len(manifest["attributes"]), manifest["resolution"]
    nets = {"generator": (_Generator(G), [1, zs + k])}
    if E is not None:
        nets["encoder"] = (E, [1, 3, r, r])
    out = {}
    for name, (net, shape) in nets.items():
        path = folder / f"{name}.onnx"
        if not path.exists():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(net, (torch.zeros(shape),), str(path), input_names=["input"], output_names=["output"],
                                  opset_version=13)
        out[name] = {"path": str(path), "inputShape": shape}
    return out


@torch.no_grad()
def main(model_dir: Path, quick: bool, onnx_dir: Path | None = None) -> dict:
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    manifest, weights, G, E = load_manifest_model(model_dir)
    zs, k, r = manifest["latent"]["size"], len(manifest["attributes"]), manifest["resolution"]
    z, y = torch.randn(1, zs), -torch.ones(1, k)
    w = torch.cat([z, y], 1)
    frames = 50 if quick else 200
    gen = timed(lambda: G(w, w), frames)
    x = G(w, w)  # NCHW inside the mirror
    enc = timed(lambda: E(x), frames // 2) if E is not None else []
    target = torch.rand(1, r, r, 3) * 2 - 1

    def step_fn():
        zz = z.clone().requires_grad_(True)
        opt = torch.optim.Adam([zz], lr=0.05)

        def one():
            with torch.enable_grad():
                img = G(torch.cat([zz, y], 1), torch.cat([zz, y], 1)).permute(0, 2, 3, 1)
                loss = (img - target).pow(2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        return one

    one = step_fn()
    step = timed(one, 20 if quick else 50)
    hundred = timed(lambda: [one() for _ in range(100)], 1 if quick else 3, warm=0)
    g_flops = flops(manifest["networks"]["generator"]["layers"], weights, (zs + k,), zs + k)
    e_flops = flops(manifest["networks"]["encoder"]["layers"], weights, (r, r, 3)) if E is not None else 0
    onnx = export_onnx(onnx_dir, manifest, G, E) if onnx_dir else None
    return {
        "onnx": onnx,
        "torch": torch.__version__, "threads": threads, "python": platform.python_version(),
        "device": "cpu", "cpu": platform.processor() or platform.machine(),
        "generatorFrameMs": summary(gen), "encoderMs": summary(enc) if enc else None,
        "refineStepMs": summary(step), "refine100Ms": summary(hundred),
        "flops": {"generator": g_flops, "encoder": e_flops, "refineStepApprox": 3 * g_flops},
        "matmulGflops": matmul_gflops(),
    }


if __name__ == "__main__":
    argv = sys.argv[1:]
    onnx_arg = argv[argv.index("--onnx") + 1] if "--onnx" in argv else None
    args = [a for a in argv if not a.startswith("--") and a != onnx_arg]
    torch.set_num_threads(int(__import__("os").environ.get("LATENT_LAB_THREADS", "2")))
    print(json.dumps(main(Path(args[0]) if args else Path(__file__).resolve().parents[3] / "public/models/celeba64",
                          "--quick" in sys.argv, Path(onnx_arg) if onnx_arg else None)))
