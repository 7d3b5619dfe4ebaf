"""Evaluation on validation people never seen in training; writes reports/celeba64.{md,json} and the sample sheet.
Uses exactly the shipped (float16-rounded) weights."""
from __future__ import annotations

import json
import time
from pathlib import Path

import torch
from PIL import Image

from .checkpoint import load
from .classifiers import load_evaluator
from .config import ATTRIBUTE_NAMES, Config
from .data import Faces
from .export import round_to_float16
from .encoder import load_encoder
from .gan import load_generator
from .metrics import batched, controllability, decisions, frechet, psnr, refine, thresholds

TARGETS = {"controllability": 0.90, "psnr_refined": 20.0, "editing": 0.80, "evaluator_auc": 0.95}


def sample_sheet(G, cfg: Config, path: Path, n: int = 8) -> None:
    g = torch.Generator().manual_seed(cfg.seed + 99)
    z = torch.randn(n, cfg.latent_size, generator=g)
    y = -torch.ones(n, len(ATTRIBUTE_NAMES))
    y[:, ATTRIBUTE_NAMES.index("Young")] = 1 if "Young" in ATTRIBUTE_NAMES else y[:, 0]
    y[n // 2 :, ATTRIBUTE_NAMES.index("Male")] = 1
    rows = [G(z, y)]
    for j in range(len(ATTRIBUTE_NAMES)):
        for v in (-1.0, 1.0):
            yy = y.clone()
            yy[:, j] = v
            rows.append(G(z, yy))
    grid = torch.stack(rows)  # [rows, n, 3, H, W]
    r, _, _, h, w = grid.shape
    img = ((grid.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 3, 1, 4, 2).reshape(r * h, n * w, 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(img.numpy()).save(path)


@torch.no_grad()
def evaluate(cfg: Config, data_path: Path, log=print) -> dict:
    t0 = time.time()
    torch.manual_seed(cfg.seed + 5)
    G = round_to_float16(load_generator(cfg))
    E = round_to_float16(load_encoder(cfg))
    for p in list(G.parameters()) + list(E.parameters()):
        p.requires_grad_(False)
    ev = load_evaluator(cfg)
    ev_metrics = load(cfg.work_dir / "evaluator.pt")["metrics"]
    val = Faces(data_path, ATTRIBUTE_NAMES, "val", cfg.max_images // 4 if cfg.max_images else 0)
    val_y = val.y
    train = Faces(data_path, ATTRIBUTE_NAMES, "train", cfg.max_images)
    thr = thresholds(ev, val)
    res: dict = {"evaluator": {"auc": ev_metrics["auc"], "val_images": ev_metrics["val_images"],
                               "val_people": ev_metrics["val_people"], "shared_people": ev_metrics["shared_people"]}}

    # 1. controllability: one attribute from off to on, the rest as in a real validation label row
    n = cfg.n_eval
    z = torch.randn(n, cfg.latent_size)
    y = val_y[torch.randint(0, len(val_y), (n,))]
    ctrl, ctrl_wide = controllability(G, ev, thr, z, y, -1.0, 1.0), controllability(G, ev, thr, z, y, -2.0, 2.0)
    res["controllability"] = ctrl
    res["controllability_faces"] = n
    res["controllability_range_ends"] = ctrl_wide
    log("evaluate: controllability " + json.dumps(ctrl))

    # 2. reconstruction of real validation faces
    m = min(cfg.n_recon, len(val))
    pick = torch.randperm(len(val))[:m]
    x = val.images[pick]
    z_e, y_e = E(x)
    steps = max(cfg.refine_steps)
    with torch.enable_grad():
        z_r, rec = refine(G, z_e, y_e, x, steps, cfg.refine_lr, cfg.refine_steps)
        _, rec0 = refine(G, torch.zeros_like(z_e), val_y[pick], x, steps, cfg.refine_lr, cfg.refine_steps)
    res["reconstruction_psnr"] = {"encoder": float(psnr(G(z_e, y_e), x).mean()),
                                  **{f"encoder+{s}": v for s, v in rec.items()},
                                  **{f"z0+true_y+{s}": v for s, v in rec0.items()}, "faces": m}
    log("evaluate: reconstruction " + json.dumps(res["reconstruction_psnr"]))

    # 3. editing real faces after inversion (encoder + refinement): toggle each attribute
    base = G(z_r, y_e)
    d_base = decisions(ev, base, thr)
    edit, edit_wide = {}, {}
    for j, a in enumerate(ATTRIBUTE_NAMES):
        for v, dst in ((1.0, edit), (2.0, edit_wide)):
            yy = y_e.clone()
            yy[:, j] = torch.where(d_base[:, j], -v, v)
            d = decisions(ev, G(z_r, yy), thr)[:, j]
            dst[a] = float((d != d_base[:, j]).float().mean())
    res["editing"] = edit
    res["editing_range_ends"] = edit_wide
    log("evaluate: editing " + json.dumps(edit))

    # 4. realism: Frechet distance in the evaluator's penultimate features
    k = min(len(val), 2000)
    fr = batched(ev.features, val.images[:k]).numpy()
    ft = batched(ev.features, train.images[torch.randperm(len(train))[:k]]).numpy()
    zf = torch.randn(k, cfg.latent_size)
    fg = batched(lambda a, b: ev.features(G(a, b)), zf, val_y[torch.randint(0, len(val_y), (k,))]).numpy()
    res["frechet"] = {"generated_vs_real": frechet(fg, fr), "real_vs_real_floor": frechet(ft, fr), "n": k}
    log("evaluate: frechet " + json.dumps(res["frechet"]))

    res["summary"] = {
        "evaluatorAuc": {a: round(ev_metrics["auc"][a], 4) for a in ATTRIBUTE_NAMES},
        "controllability": {a: round(v, 3) for a, v in ctrl.items()},
        "reconstructionPsnr": {k2: round(v, 2) for k2, v in res["reconstruction_psnr"].items() if k2 != "faces"},
        "editing": {a: round(v, 3) for a, v in edit.items()},
        "frechet": {k2: round(v, 2) for k2, v in res["frechet"].items()},
    }
    teacher = load(cfg.work_dir / "teacher.pt") if cfg.teacher_weight > 0 else None
    res["teacher"] = {"auc": teacher["metrics"]["auc"], "weight": cfg.teacher_weight,
                      "margin": cfg.teacher_margin, "attr_weight": cfg.teacher_attr_weight} if teacher else None
    timings_path = cfg.work_dir / "timings.json"
    res["stage_seconds"] = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    gan = load(cfg.work_dir / "gan.pt")
    res["gan"] = {"iterations": gan["iter"], "seconds": gan["seconds"], "history": gan["history"][-40:],
                  "selected": gan.get("best"), "safety_stop": gan.get("safety_stop")}
    enc = load(cfg.work_dir / "encoder.pt")
    res["encoder"] = {"iterations": enc["iter"], "seconds": enc["seconds"], "safety_stop": enc.get("safety_stop")}
    res["hardware"] = "cuda: " + torch.cuda.get_device_name(0) if torch.cuda.is_available() else \
        f"cpu, {torch.get_num_threads()} threads, torch {torch.__version__}"
    res["config"] = cfg.to_json()
    res["evaluate_seconds"] = time.time() - t0
    cfg.report_dir.mkdir(parents=True, exist_ok=True)
    sample_sheet(G, cfg, cfg.report_dir / "celeba64-samples.png")
    write_report(res, markdown(res, cfg), cfg.report_dir / "celeba64", cfg.out_dir / "manifest.json", log)
    return res


def write_report(res: dict, md: str, stem: Path, manifest_path: Path, log=print) -> None:
    """stem.json and stem.md; the manifest, where it exists, carries the summary too."""
    stem.with_suffix(".json").write_text(json.dumps(res, indent=1))
    stem.with_suffix(".md").write_text(md)
    if manifest_path.exists():
        man = json.loads(manifest_path.read_text())
        man["evaluation"] = res["summary"]
        manifest_path.write_text(json.dumps(man, indent=1))
    log(f"evaluate: wrote {stem.with_suffix('.md')}")


def mark(v: float, target: float) -> str:
    return f"{v:.3f} {'✔' if v >= target else '✘'}"


def selected_line(sel: dict | None, cfg: Config) -> str:
    if not sel:
        return "The generator is the last G_ema snapshot (no snapshot choice)."
    flips = ", ".join(f"{a} {v:.3f}" for a, v in sel["flips"].items())
    return (f"The generator is the G_ema snapshot of iteration {sel['iter']}, chosen by G's teacher (not the evaluator) "
            f"among those scored every {cfg.select_every} iterations from {cfg.select_after:.0%} of the stage on: the "
            f"best weakest core attribute in the teacher's flip shares at -1 → +1 on {cfg.select_n} fixed faces "
            f"({flips}).")


def safety_stop_lines(res: dict) -> list[str]:
    """A warning for each stage that its wall-clock safety stop ended before its iteration count."""
    out = []
    for stage, label in (("gan", "GAN"), ("encoder", "encoder")):
        stop = res[stage].get("safety_stop")
        if stop:
            out += [f"**Warning: safety stop.** The {label} stage reached its wall-clock limit of "
                    f"{stop['max_minutes']:g} min at iteration {stop['iteration']} of {stop['iterations']}, so this is not the model the config "
                    "describes. Rerun the stage with a higher limit to resume it.", ""]
    return out


def markdown(res: dict, cfg: Config) -> str:
    L = [f"# CelebA 64 px face model: evaluation ({cfg.name} run)", "",
         "Written by `python3 -m latentlab evaluate` (run from `training/`); do not edit by hand. All figures are on "
         f"validation people never seen in training ({res['evaluator']['val_images']} faces of "
         f"{res['evaluator']['val_people']} people; people shared with training: {res['evaluator']['shared_people']}). "
         "The generator and encoder are evaluated with the exact float16 weights the browser loads.", "",
         f"Hardware: {res['hardware']}. GAN iterations: {res['gan']['iterations']} of {cfg.gan_iters} "
         f"({res['gan']['seconds'] / 60:.1f} min); encoder iterations: {res['encoder']['iterations']} of "
         f"{cfg.enc_iters} ({res['encoder']['seconds'] / 60:.1f} min).", "",
         *safety_stop_lines(res), selected_line(res["gan"].get("selected"), cfg), "",
         "![samples](celeba64-samples.png)", "",
         "Sample sheet: first row random faces; then, per attribute in order "
         + ", ".join(ATTRIBUTE_NAMES) + ", the same faces with that attribute off (-1) then on (+1).", "",
         "## Attribute evaluator (independent; trained on real faces only, never a training loss)", "",
         "| attribute | AUC (target ≥ 0.95) |", "|---|---|"]
    L += [f"| {a} | {mark(v, TARGETS['evaluator_auc'])} |" for a, v in res["evaluator"]["auc"].items()]
    if res.get("teacher"):
        t = res["teacher"]
        L += ["", "## G's attribute teacher (a training loss of G; not the evaluator)", "",
              "A separate classifier of real training faces that sees them at 32 px, trained with colour and translation "
              f"jitter, frozen while the GAN trains; G's loss is a hinge on its logits (weight {t['weight']}, margin "
              f"{t['margin']}" + "".join(f", {a} weighed {w:g}x" for a, w in t["attr_weight"].items()) +
              "). Every figure below comes from the evaluator, which G never sees.", "",
              "| attribute | teacher AUC on validation people |", "|---|---|"]
        L += [f"| {a} | {v:.3f} |" for a, v in t["auc"].items()]
    L += ["", "## Controllability (share of generated faces whose evaluator decision flips, off → on)", "",
          f"{res['controllability_faces']} generated faces: z ~ N(0, I), the rest of y from real "
          "validation label rows.", "",
          "| attribute | -1 → +1 (target ≥ 0.90) | -2 → +2 (slider ends) |", "|---|---|---|"]
    L += [f"| {a} | {mark(v, TARGETS['controllability'])} | {res['controllability_range_ends'][a]:.3f} |"
          for a, v in res["controllability"].items()]
    r = res["reconstruction_psnr"]
    L += ["", f"## Reconstruction of real validation faces (PSNR at 64x64, {r['faces']} faces, target ≥ 20 dB)", "",
          "| method | PSNR dB |", "|---|---|"]
    L += [f"| {k} | {v:.2f} |" for k, v in r.items() if k != "faces"]
    L += ["", "`encoder+N`: the encoder's (z, y), then N Adam steps (lr "
          f"{cfg.refine_lr}) on z through the fixed generator. `z0+true_y+N`: the naive baseline, from z = 0 with the true labels.",
          "", "## Editing real faces after inversion (share whose evaluator decision flips)", "",
          "| attribute | toggle to ±1 (target ≥ 0.80) | toggle to ±2 (slider ends) |", "|---|---|---|"]
    L += [f"| {a} | {mark(v, TARGETS['editing'])} | {res['editing_range_ends'][a]:.3f} |" for a, v in res["editing"].items()]
    f = res["frechet"]
    L += ["", "## Realism: Fréchet distance in the evaluator's penultimate features", "",
          f"- generated vs real validation: **{f['generated_vs_real']:.2f}**",
          f"- real training vs real validation (the floor): {f['real_vs_real_floor']:.2f}", f"- {f['n']} faces per set", "",
          "## Stage timings (seconds, cumulative over resumes)", ""]
    L += [f"- {k}: {v:.0f}" for k, v in res["stage_seconds"].items()]
    L += [f"- evaluate (this run): {res['evaluate_seconds']:.0f}", ""]
    return "\n".join(L)
