"""Issue 15's inversion study: which per-photo parameters, beyond z, make the shipped 64 px generator reconstruct a real
face faithfully (PSNR >= 24 dB at 64 px) while its attribute edits still work. Only parameters whose gradients exist on
tfjs's WASM backend are optimised: inputs, dense layers and elementwise parameters, never conv weights.

Run from training/:  python3 -m latentlab.studies.inversion_study [--faces N] [--steps 100,200]
Writes training/reports/inversion-study.md (and the figures as JSON under the cache). Needs the evaluator checkpoint
(`python3 -m latentlab evaluator`). Uses the exported float16 weights exactly as the browser loads them.

Methods, each from the shipped encoder's (z, y), Adam, all faces of a batch optimised independently (Adam is
per-element, so a batch of N faces is N separate inversions):
  a   z only (today's app).
  b   per-layer codes: six w_l = concat(z_l, y), one for the fc and one per Modulate layer, z_l from z; y fixed.
  c1  b + per-photo offsets to the elementwise parameters: Modulate gamma/beta biases, conv biases (not toRGB).
  c2  c1 + per-photo offsets to the dense layers (Modulate gamma/beta weights, the fc's weight and bias).
  c2-noloc  c2 without the locality regulariser (to show what it buys).
  d   c2 + an additive offset to the 16x16 feature map ("F-space"), L2-penalised.
The locality regulariser: 256 random (z, y) (z ~ N(0, I), y a real label row) and the untuned generator's faces there
are drawn once; each step, one of them per face, and the tuned generator's output there is pulled toward the untuned
one (PTI's locality term, one sample per step). Edits set y's attribute to -1 or +1 in every code.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from ..checkpoint import load
from ..classifiers import load_evaluator
from ..config import ATTRIBUTE_NAMES, CACHE, CORE_ATTRIBUTES, ROOT, Config
from ..manifest_model import load_manifest_model
from ..metrics import psnr, thresholds

MODEL_DIR = ROOT / "public" / "models" / "celeba64"
REPORT = ROOT / "training" / "reports" / "inversion-study.md"
N_MODS = 5  # Modulate layers; codes are [fc, mod0..mod4]
N_CONVS = 4  # conv0..conv3 (toRGB is left alone, as HyperStyle does)


class FunctionalG:
    """The manifest's generator written out so that codes, parameter offsets and feature offsets can be fed per face.
    Same ops as manifest_model.ManifestNet (asserted equal in main)."""

    def __init__(self, w: dict[str, torch.Tensor]):
        self.w = w
        self.conv = {k: v.permute(3, 2, 0, 1).contiguous() for k, v in w.items() if k.endswith(".w") and v.dim() == 4}

    def p(self, name: str, d: dict | None):
        base = self.w[name]
        return base if d is None or name not in d else base + d[name]

    def dense(self, x, wname, bname, d):
        wt = self.p(wname, d)
        y = torch.bmm(x[:, None, :], wt).squeeze(1) if wt.dim() == 3 else x @ wt
        return y + self.p(bname, d)

    def __call__(self, codes: list[torch.Tensor], d: dict | None = None, foff: dict | None = None) -> torch.Tensor:
        """codes: six [N, 134] tensors (fc, mod0..mod4); d: per-face offsets keyed by manifest weight name ([N, ...]);
        foff: {level: [N, C, H, W]} added after block `level`'s activation (level 2 = 16x16)."""
        x = self.dense(codes[0], "g.fc.w", "g.fc.b", d).view(-1, 4, 4, 256).permute(0, 3, 1, 2)
        for i in range(N_MODS):
            if i > 0:
                x = F.interpolate(x, scale_factor=2, mode="nearest")
                cb = self.p(f"g.conv{i - 1}.b", d)
                cb = cb[:, :, None, None] if cb.dim() == 2 else cb[:, None, None]
                x = F.conv2d(x, self.conv[f"g.conv{i - 1}.w"], padding=1) + cb
            x = x * torch.rsqrt(x.pow(2).mean(1, keepdim=True) + 1e-8)
            c = codes[i + 1]
            g = self.dense(c, f"g.mod{i}.gw", f"g.mod{i}.gb", d)
            b = self.dense(c, f"g.mod{i}.bw", f"g.mod{i}.bb", d)
            x = F.leaky_relu(x * (1 + g[:, :, None, None]) + b[:, :, None, None], 0.2)
            if foff is not None and i in foff:
                x = x + foff[i]
        x = F.conv2d(x, self.conv["g.rgb.w"], self.w["g.rgb.b"], padding=1)
        return torch.tanh(x)


@dataclass
class Method:
    key: str
    title: str
    per_layer: bool = False
    elementwise: bool = False
    dense: bool = False
    feature_level: int | None = None
    lr_z: float = 0.05
    lr_elem: float = 0.01
    lr_dense: float = 0.001
    lr_feat: float = 0.01
    locality: float = 1.0
    feat_l2: float = 0.1
    notes: list = field(default_factory=list)


METHODS = [
    Method("a", "z only (today)"),
    Method("b", "per-layer codes (W+ analogue)", per_layer=True),
    Method("c1", "b + Modulate/conv biases", per_layer=True, elementwise=True),
    Method("c2", "c1 + Modulate/fc dense weights", per_layer=True, elementwise=True, dense=True),
    Method("c2-noloc", "c2 without locality regulariser", per_layer=True, elementwise=True, dense=True, locality=0.0),
    Method("d", "c2 + 16x16 feature offset", per_layer=True, elementwise=True, dense=True, feature_level=2),
]


def make_params(m: Method, G: FunctionalG, z0, y0):
    """The per-face tensors a method optimises, as (codes builder, d, foff, Adam param groups, names/shapes)."""
    n = len(z0)
    zs = [z0.clone().requires_grad_(True) for _ in range(1 + N_MODS)] if m.per_layer else [z0.clone().requires_grad_(True)]
    groups = [{"params": zs, "lr": m.lr_z}]
    shapes = {"z_l" if m.per_layer else "z": f"{len(zs)} x [128]"}
    d: dict = {}
    if m.elementwise:
        names = [f"g.mod{i}.{k}" for i in range(N_MODS) for k in ("gb", "bb")] + [f"g.conv{i}.b" for i in range(N_CONVS)]
        for k in names:
            d[k] = torch.zeros(n, *G.w[k].shape, requires_grad=True)
        groups.append({"params": [d[k] for k in names], "lr": m.lr_elem})
    if m.dense:
        names = [f"g.mod{i}.{k}" for i in range(N_MODS) for k in ("gw", "bw")] + ["g.fc.w", "g.fc.b"]
        for k in names:
            d[k] = torch.zeros(n, *G.w[k].shape, requires_grad=True)
        groups.append({"params": [d[k] for k in names], "lr": m.lr_dense})
    for k in d:
        shapes[k] = str(list(G.w[k].shape))
    foff = None
    if m.feature_level is not None:
        side, ch = 4 * 2 ** m.feature_level, (256, 128, 64, 32, 16)[m.feature_level]
        foff = {m.feature_level: torch.zeros(n, ch, side, side, requires_grad=True)}
        groups.append({"params": list(foff.values()), "lr": m.lr_feat})
        shapes[f"feature offset after block {m.feature_level}"] = f"[{ch}, {side}, {side}] (NCHW)"

    return zs, (d or None), foff, groups, shapes


def codes_of(zs: list[torch.Tensor]):
    """The six codes from one z (method a) or six z_l, each with the given y."""
    return lambda y: [torch.cat([z, y], 1) for z in (zs if len(zs) > 1 else zs * (1 + N_MODS))]


def invert(m: Method, G: FunctionalG, x, z0, y0, steps: list[int], label_rows, seed: int):
    zs, d, foff, groups, shapes = make_params(m, G, z0, y0)
    codes = codes_of(zs)
    opt = torch.optim.Adam(groups)
    gen = torch.Generator().manual_seed(seed)
    pool = locality_pool(G, label_rows, z0.shape[1], gen) if d is not None and m.locality > 0 else None
    rec, t_opt = {}, 0.0
    n = len(x)
    for step in range(1, max(steps) + 1):
        t = time.perf_counter()
        loss = (G(codes(y0), d, foff) - x).pow(2).flatten(1).mean(1).sum()
        if d is not None and m.locality > 0:
            k = torch.randint(0, len(pool[0]), (n,), generator=gen)
            loss = loss + m.locality * (G([pool[0][k]] * (1 + N_MODS), d) - pool[1][k]).pow(2).flatten(1).mean(1).sum()
        if foff is not None:
            loss = loss + m.feat_l2 * sum(v.pow(2).flatten(1).mean(1).sum() for v in foff.values())
        opt.zero_grad()
        loss.backward()
        opt.step()
        t_opt += time.perf_counter() - t
        if step in steps:
            with torch.no_grad():
                rec[step] = {"psnr": psnr(G(codes(y0), d, foff), x), "state": snapshot(zs, d, foff)}
    return rec, shapes, t_opt / max(steps)


@torch.no_grad()
def locality_pool(G: FunctionalG, label_rows, latent: int, gen, size: int = 256):
    """Random (z, y) codes (z ~ N(0, I), y a real label row) and the untuned generator's faces there, drawn once."""
    c = torch.cat([torch.randn(size, latent, generator=gen),
                   label_rows[torch.randint(0, len(label_rows), (size,), generator=gen)]], 1)
    return c, G([c] * (1 + N_MODS))


def snapshot(zs, d, foff):
    """A detached copy of the optimised tensors: (codes function, parameter offsets, feature offsets)."""
    return (codes_of([z.detach().clone() for z in zs]), {k: v.detach().clone() for k, v in (d or {}).items()} or None,
            {k: v.detach().clone() for k, v in (foff or {}).items()} or None)


@torch.no_grad()
def editability(G, ev, thr, codes_fn, d, foff, y0) -> dict:
    """Per core attribute, the share of faces the evaluator reads as asked when y's attribute is set to +1 and to -1 in
    every code (the app's slider ends for off/on)."""
    out = {}
    for a in CORE_ATTRIBUTES:
        j = ATTRIBUTE_NAMES.index(a)
        res = {}
        for v in (1.0, -1.0):
            y = y0.clone()
            y[:, j] = v
            dec = ev(G(codes_fn(y), d, foff))[:, j] > thr[j]
            res["+1" if v > 0 else "-1"] = float((dec if v > 0 else ~dec).float().mean())
        out[a] = res
    return out


def wait_for_evaluator(cfg: Config):
    """The evaluator, once its stage has finished (it may be training in another process)."""
    path = cfg.work_dir / "evaluator.pt"
    while not ((ck := load(path)) and ck.get("done")):
        print(f"waiting for the evaluator checkpoint {path} (python3 -m latentlab evaluator)", flush=True)
        time.sleep(60)
    return load_evaluator(cfg).requires_grad_(False)


def per_face_ms(m: Method, G, x, z0, y0, label_rows, reps: int) -> float:
    """Wall time of one Adam step for a single face (the app inverts one photo at a time)."""
    _, _, ms = invert(m, G, x[:1], z0[:1], y0[:1], [reps], label_rows, 0)
    return ms * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="latentlab.studies.inversion_study")
    ap.add_argument("--faces", type=int, default=40)
    ap.add_argument("--steps", default="100,200")
    ap.add_argument("--methods", default=",".join(m.key for m in METHODS))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--timing-steps", type=int, default=10)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    steps = [int(s) for s in args.steps.split(",")]
    t0 = time.time()
    cfg = Config()
    manifest, weights, g_net, e_net = load_manifest_model(MODEL_DIR)
    G = FunctionalG({k: v for k, v in weights.items() if k.startswith("g.")})

    data = np.load(CACHE / "celeba64.npz")
    val_idx = np.nonzero(data["val"])[0]
    names = list(data["attr_names"])
    cols = [names.index(a) for a in ATTRIBUTE_NAMES]

    class Val:  # the subset of validation faces used to pick the evaluator's thresholds, as metrics.thresholds wants
        def __init__(self, idx):
            self.images = torch.from_numpy(data["images"][idx]).permute(0, 3, 1, 2).float().div(127.5).sub(1)
            self.y = torch.from_numpy(data["attrs"][idx][:, cols].astype(np.float32))

    rng = np.random.default_rng(cfg.seed)
    pick = rng.permutation(val_idx)
    faces, thr_set = Val(np.sort(pick[: args.faces])), Val(np.sort(pick[args.faces : args.faces + 4000]))
    x, label_rows = faces.images, thr_set.y
    with torch.no_grad():
        enc = e_net(x)
        z0, y0 = enc[:, :128].contiguous(), enc[:, 128:].contiguous()
        same = (G([enc] * 6) - g_net(enc, enc)).abs().max()
        assert same < 1e-4, f"functional generator differs from the manifest's: {same}"
        enc_psnr = float(psnr(G([enc] * 6), x).mean())
    print(f"encoder only: PSNR {enc_psnr:.2f}", flush=True)

    results = []
    for m in METHODS:
        if m.key not in args.methods.split(","):
            continue
        t = time.time()
        rec, shapes, _ = invert(m, G, x, z0, y0, steps, label_rows, cfg.seed)
        row = {"key": m.key, "title": m.title, "shapes": shapes,
               "psnr": {s: float(r["psnr"].mean()) for s, r in rec.items()},
               "hp": {k: getattr(m, k) for k in ("lr_z", "lr_elem", "lr_dense", "lr_feat", "locality", "feat_l2")},
               "states": {s: r["state"] for s, r in rec.items()}}
        row["ms_per_step"] = per_face_ms(m, G, x, z0, y0, label_rows, args.timing_steps)
        row["seconds"] = time.time() - t
        results.append(row)
        print(json.dumps({k: row[k] for k in ("key", "psnr", "ms_per_step", "seconds")}), flush=True)

    ev = wait_for_evaluator(cfg)
    thr = thresholds(ev, thr_set)
    with torch.no_grad():
        enc_edit = editability(G, ev, thr, lambda y: [torch.cat([z0, y], 1)] * 6, None, None, y0)
        read = ev(x)
        real_read = {a: float(((read[:, j] > thr[j]).float() * 2 - 1 == faces.y[:, j]).float().mean())
                     for a in CORE_ATTRIBUTES for j in [ATTRIBUTE_NAMES.index(a)]}
    for row in results:
        states = row.pop("states")
        row["edit"] = {s: editability(G, ev, thr, *states[s], y0) for s in steps}
        print(json.dumps({"key": row["key"], "edit": row["edit"]}), flush=True)

    out = {"faces": args.faces, "steps": steps, "encoder_psnr": enc_psnr, "encoder_edit": enc_edit,
           "real_read": real_read, "results": results, "threads": args.threads, "torch": torch.__version__,
           "seconds": time.time() - t0}
    (CACHE / "inversion-study.json").write_text(json.dumps(out, indent=1))
    REPORT.write_text(markdown(out))
    print(f"wrote {REPORT}", flush=True)
    return 0


def markdown(o: dict) -> str:
    s1, s2 = o["steps"][0], o["steps"][-1]
    short = {"Blond_Hair": "Blond", "Bangs": "Bangs", "Smiling": "Smile", "Male": "Male"}
    L = ["# Photo inversion study (issue 15)", "",
         "Written by `python3 -m latentlab.studies.inversion_study` (run from `training/`); do not edit by hand.", "",
         f"{o['faces']} validation faces (people never in training), 64x64, each from the shipped encoder's (z, y); "
         f"Adam; the exported float16 weights. ms/step: one face, {o['threads']} CPU thread, torch {o['torch']}, on a "
         "shared 2-core machine (compare methods with each other, not with the browser). Edits: y's attribute set "
         "to +1 (on) or -1 (off) in every code; each cell is the share of faces the independent evaluator reads as "
         f"asked, `+1 / -1`, after {s2} steps.", "",
         f"Encoder alone: PSNR {o['encoder_psnr']:.2f} dB; edits "
         + ", ".join(f"{short[a]} {v['+1']:.2f} / {v['-1']:.2f}" for a, v in o["encoder_edit"].items()) + ". "
         "The evaluator reads the real faces' own labels right for "
         + ", ".join(f"{short[a]} {v:.2f}" for a, v in o["real_read"].items()) + ".", "",
         f"| method | PSNR@{s1} | PSNR@{s2} | ms/step | "
         + " | ".join(short[a] for a in CORE_ATTRIBUTES) + " |",
         "|---|---|---|---|" + "---|" * len(CORE_ATTRIBUTES)]
    for r in o["results"]:
        e = r["edit"][s2]
        L.append(f"| {r['key']}: {r['title']} | {r['psnr'][s1]:.2f} | {r['psnr'][s2]:.2f} | {r['ms_per_step']:.0f} | "
                 + " | ".join(f"{e[a]['+1']:.2f} / {e[a]['-1']:.2f}" for a in CORE_ATTRIBUTES) + " |")
    L += ["", f"Edits after {s1} steps:", "", "| method | " + " | ".join(short[a] for a in CORE_ATTRIBUTES) + " |",
          "|---|" + "---|" * len(CORE_ATTRIBUTES)]
    for r in o["results"]:
        e = r["edit"][s1]
        L.append(f"| {r['key']} | " + " | ".join(f"{e[a]['+1']:.2f} / {e[a]['-1']:.2f}" for a in CORE_ATTRIBUTES) + " |")
    L += ["", "## What each method optimises (per photo; names are the manifest's)", ""]
    for r in o["results"]:
        hp = ", ".join(f"{k} {v:g}" for k, v in r["hp"].items())
        L.append(f"- **{r['key']}** ({hp}): " + "; ".join(f"`{k}` {v}" for k, v in r["shapes"].items()))
    L += ["", "Offsets to manifest weights are added to the shipped values and start at zero. `z_l`: six codes "
          "(fc, mod0..mod4), each concatenated with the fixed y. Locality: each step, one of 256 fixed random (z ~ N(0, I), "
          "y a real label row) per face; the tuned generator's squared error there to the untuned one's, times "
          "`locality`. "
          "Identity (a face-recognition distance) is not measured here: no such network in this PyTorch setup.", "",
          f"Total run time: {o['seconds'] / 60:.1f} min.", ""]
    return "\n".join(L)


if __name__ == "__main__":
    raise SystemExit(main())
