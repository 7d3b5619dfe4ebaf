"""The report, on exactly the shipped (float16-rounded) weights: reports/fashion32.{md,json}, a samples-per-class sheet
and a snapshot sheet (generated images only). Every accuracy is the independent classifier's, which G never saw."""
from __future__ import annotations

import json
import os
import time

import numpy as np
import torch
from PIL import Image

from ..checkpoint import load
from ..evaluate import write_report
from ..export import round_to_float16
from ..metrics import batched, frechet, psnr, refine
from .config import CLASSES, FashionConfig
from .data import PAD, Garments, one_hot
from .export import REPORT, plain_discriminator, snapshot_generators
from .models import N_CLASSES
from .report import markdown
from .stages import load_classifier, load_discriminator, load_encoder, load_gan, load_generator


def class_rows(c: int, n: int) -> torch.Tensor:
    return one_hot(torch.full((n,), c, dtype=torch.long))


@torch.no_grad()
def generated_accuracy(G, clf, cfg: FashionConfig, n: int, seed: int) -> dict[str, float]:
    """Per class, the share of n generated images (z ~ N(0, I), fixed seed) the classifier puts in the asked class."""
    g = torch.Generator().manual_seed(seed)
    out = {}
    for c, name in enumerate(CLASSES):
        z = torch.randn(n, cfg.latent_size, generator=g)
        pred = batched(lambda a, b: clf(G(a, b)).argmax(1), z, class_rows(c, n))
        out[name] = float((pred == c).float().mean())
    return out


def verdict(D, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return batched(lambda a, b: D(a, b)[0], x, y)


def content(x: torch.Tensor) -> torch.Tensor:
    return x[:, :, PAD:-PAD, PAD:-PAD]


def save_grid(rows: torch.Tensor, path, scale: int = 2) -> None:
    """rows [r, n, 1, H, W] in [-1, 1] -> a grey PNG, each image scaled up (nearest) for reading."""
    r, n, _, h, w = rows.shape
    img = ((rows.clamp(-1, 1) + 1) * 127.5).round().byte()[:, :, 0].permute(0, 2, 1, 3).reshape(r * h, n * w)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(img.numpy()).resize((n * w * scale, r * h * scale), Image.NEAREST).save(path)


@torch.no_grad()
def evaluate(cfg: FashionConfig, log=print) -> dict:
    t0 = time.time()
    torch.manual_seed(cfg.seed + 5)
    G, E = round_to_float16(load_generator(cfg)), round_to_float16(load_encoder(cfg))
    D = plain_discriminator(load_discriminator(cfg))
    G.requires_grad_(False), E.requires_grad_(False)
    clf, clf_metrics = load_classifier(cfg)
    test = Garments("test", cfg.max_images // 4 if cfg.max_images else 0)
    train = Garments("train", cfg.max_images)
    res: dict = {"classifier": {k: clf_metrics[k] for k in ("test_accuracy", "train_images", "test_images", "epochs")}}

    # 1. the classifier's accuracy on generated images, per class
    acc = generated_accuracy(G, clf, cfg, cfg.n_eval_per_class, cfg.seed + 21)
    res["generated_accuracy"] = {"per_class": acc, "mean": float(np.mean(list(acc.values()))),
                                 "images_per_class": cfg.n_eval_per_class}
    log("evaluate: generated accuracy " + json.dumps(res["generated_accuracy"]))
    # E_y: the encoder's class reading of real test images
    _, y_e = batched(E, test.images)
    res["encoder_class_accuracy"] = float((y_e.argmax(1) == test.labels).float().mean())

    # 2. the discriminator's verdict on real test images (their class) and on generated images (the asked class)
    k = min(cfg.n_frechet, len(test))
    zf = torch.randn(k, cfg.latent_size)
    yf = one_hot(torch.arange(k) % N_CLASSES)
    fake = batched(G, zf, yf)
    v_real, v_fake = verdict(D, test.images[:k], test.y[:k]), verdict(D, fake, yf)
    auc = float((v_real[:, None] > v_fake[None, :]).float().mean()) if k <= 6000 else float("nan")
    res["discriminator"] = {"real_mean": float(v_real.mean()), "generated_mean": float(v_fake.mean()),
                            "real_above_0": float((v_real > 0).float().mean()),
                            "generated_below_0": float((v_fake < 0).float().mean()), "auc_real_vs_generated": auc, "n": k}
    log("evaluate: discriminator " + json.dumps(res["discriminator"]))

    # 3. realism: Frechet distance in the classifier's penultimate features
    fr = batched(clf.features, test.images[:k]).numpy()
    ft = batched(clf.features, train.images[torch.randperm(len(train))[:k]]).numpy()
    fg = batched(clf.features, fake).numpy()
    res["frechet"] = {"generated_vs_real_test": frechet(fg, fr), "real_train_vs_real_test_floor": frechet(ft, fr), "n": k}
    log("evaluate: frechet " + json.dumps(res["frechet"]))

    # 4. reconstruction of real test images: the encoder, then gradient descent through the fixed generator
    m = min(cfg.n_recon, len(test))
    pick = torch.randperm(len(test), generator=torch.Generator().manual_seed(cfg.seed + 31))[:m]
    x = test.images[pick]
    z_e, y_e = E(x)
    steps = max(cfg.refine_steps)
    with torch.enable_grad():
        z_r, rec_z = refine(G, z_e, y_e, x, steps, cfg.refine_lr, cfg.refine_steps)
        _, rec_zy = refine(G, z_e, y_e, x, steps, cfg.refine_lr, cfg.refine_steps, fit_y=True)
    g_e, g_r = G(z_e, y_e), G(z_r, y_e)
    res["reconstruction_psnr"] = {
        "encoder": float(psnr(g_e, x).mean()), **{f"encoder+z{s}": v for s, v in rec_z.items()},
        **{f"encoder+zy{s}": v for s, v in rec_zy.items()},
        f"encoder (inner {cfg.resolution - 2 * PAD} px)": float(psnr(content(g_e), content(x)).mean()),
        f"encoder+z{steps} (inner {cfg.resolution - 2 * PAD} px)": float(psnr(content(g_r), content(x)).mean()),
        "images": m}
    log("evaluate: reconstruction " + json.dumps(res["reconstruction_psnr"]))

    # 5. watch it learn: each snapshot's classifier accuracy and the final D's verdict on its images
    snaps = snapshot_generators(cfg) + [(load_gan(cfg)["iter"], G)]
    n_s = max(1, cfg.n_eval_per_class // 10)
    z_s = torch.randn(n_s * N_CLASSES, cfg.latent_size, generator=torch.Generator().manual_seed(cfg.seed + 41))
    y_s = one_hot(torch.arange(n_s * N_CLASSES) % N_CLASSES)
    res["snapshots"] = []
    for it, Gs in snaps:
        xs = batched(Gs, z_s, y_s)
        a = float((batched(clf, xs).argmax(1) == y_s.argmax(1)).float().mean())
        res["snapshots"].append({"iteration": it, "generated_accuracy": a, "verdict_mean": float(verdict(D, xs, y_s).mean())})
    log("evaluate: snapshots " + json.dumps(res["snapshots"]))

    # sheets: per class a row of 10 garments; per snapshot a row of the ten classes from one z
    g = torch.Generator().manual_seed(cfg.seed + 99)
    z10 = torch.randn(10, cfg.latent_size, generator=g)
    save_grid(torch.stack([G(z10, class_rows(c, 10)) for c in range(N_CLASSES)]), cfg.report_dir / f"{REPORT}-samples.png")
    z1 = torch.randn(1, cfg.latent_size, generator=g).expand(N_CLASSES, -1)
    save_grid(torch.stack([Gs(z1, one_hot(torch.arange(N_CLASSES))) for _, Gs in snaps]),
              cfg.report_dir / f"{REPORT}-snapshots.png")

    timings_path = cfg.work_dir / "timings.json"
    res["stage_seconds"] = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    gan, enc = load_gan(cfg), load(cfg.work_dir / "encoder.pt")
    res["gan"] = {"iterations": gan["iter"], "seconds": gan["seconds"], "history": gan["history"][-20:],
                  "safety_stop": gan.get("safety_stop")}
    res["encoder"] = {"iterations": enc["iter"], "seconds": enc["seconds"], "safety_stop": enc.get("safety_stop")}
    res["classifier"]["seconds"] = clf_metrics["seconds"]
    res["hardware"] = ("cuda: " + torch.cuda.get_device_name(0)) if torch.cuda.is_available() else \
        f"cpu, {torch.get_num_threads()} threads, torch {torch.__version__}"
    res["load_average"] = [round(v, 1) for v in os.getloadavg()]  # the machine may be shared: timings depend on it
    res["config"] = cfg.to_json()
    res["evaluate_seconds"] = time.time() - t0
    rec = res["reconstruction_psnr"]
    res["summary"] = {
        "classifierTestAccuracy": round(res["classifier"]["test_accuracy"], 4),
        "generatedAccuracy": {c: round(v, 3) for c, v in acc.items()},
        "generatedAccuracyMean": round(res["generated_accuracy"]["mean"], 4),
        "encoderClassAccuracy": round(res["encoder_class_accuracy"], 4),
        "reconstructionPsnr": {k2: round(v, 2) for k2, v in rec.items() if k2 != "images"},
        "frechet": {k2: round(v, 2) for k2, v in res["frechet"].items()},
        "discriminator": {k2: round(v, 3) for k2, v in res["discriminator"].items()},
    }
    cfg.report_dir.mkdir(parents=True, exist_ok=True)
    write_report(res, markdown(res, cfg), cfg.report_dir / REPORT, cfg.out_dir / "manifest.json", log)
    return res
