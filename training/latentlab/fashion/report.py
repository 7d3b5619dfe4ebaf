"""The Markdown of reports/fashion32.md, from the figures evaluate.py measured."""
from __future__ import annotations

from ..evaluate import safety_stop_lines
from .config import FashionConfig

TARGETS = {"generated_accuracy": 0.90, "psnr_refined": 22.0}


def mark(v: float, target: float, fmt: str = ".3f") -> str:
    return f"{v:{fmt}} {'✔' if v >= target else '✘'}"


def markdown(res: dict, cfg: FashionConfig) -> str:
    c, ga, d, f = res["classifier"], res["generated_accuracy"], res["discriminator"], res["frechet"]
    L = [f"# Fashion-MNIST 32 px conditional GAN: evaluation ({cfg.name} run)", "",
         "Written by `python3 -m latentlab fashion evaluate` (run from `training/`); do not edit by hand. Generator, "
         "encoder and discriminator are evaluated with the exact float16 weights the browser loads. Images are "
         "Fashion-MNIST's 28 px garments padded by 2 px of background to 32 px, grey, in [-1, 1].", "",
         f"Hardware: {res['hardware']}. GAN iterations: {res['gan']['iterations']} of {cfg.gan_iters} at batch "
         f"{cfg.batch} ({res['gan']['seconds'] / 60:.1f} min); encoder iterations: {res['encoder']['iterations']} of "
         f"{cfg.enc_iters} ({res['encoder']['seconds'] / 60:.1f} min).", "",
         *safety_stop_lines(res),
         "Networks: G is the face model's generator (dense → 4x4, then upsample + 3x3 conv + pixel norm + per-channel "
         f"modulation by [z, y] at 8, 16, 32 px; channels {list(cfg.g_channels)}, z of {cfg.latent_size}) with one grey "
         "output channel and y the one-hot class (Mirza & Osindero 2014). D: spectral-norm convnet "
         f"{list(cfg.d_channels)} with a projection term for y (Miyato & Koyama 2018) and an auxiliary class head "
         "(AC-GAN: D learns it on real images, G is asked to satisfy it); hinge loss; G's weights averaged (EMA "
         f"{cfg.ema_decay}). E: one convnet whose output is [z, y] (E_z on generated pairs, E_y on real labelled "
         "images, plus reconstruction of real images through the frozen G).", "",
         "![samples per class](fashion32-samples.png)", "",
         "Generated images only: one row per class (" + ", ".join(res["generated_accuracy"]["per_class"]) +
         "), ten random z per row.", "",
         "## The independent classifier (trained on the real training set, never a training loss)", "",
         f"Accuracy on the real test set: **{c['test_accuracy']:.4f}** ({c['test_images']} images; trained on "
         f"{c['train_images']} for {c['epochs']} epochs).", "",
         f"## Its accuracy on generated images ({ga['images_per_class']} per class, z ~ N(0, I))", "",
         f"Mean over classes: **{mark(ga['mean'], TARGETS['generated_accuracy'], '.4f')}** (target ≥ 0.90).", "",
         "| class | accuracy |", "|---|---|"]
    L += [f"| {k} | {v:.3f} |" for k, v in ga["per_class"].items()]
    L += ["", f"E_y (the encoder's class reading, argmax) on the real test set: {res['encoder_class_accuracy']:.4f}.", ""]
    r = res["reconstruction_psnr"]
    best = max(v for k, v in r.items() if k.startswith("encoder+") and "inner" not in k)
    L += [f"## Reconstruction of real test images (PSNR over the 32 px frame, {r['images']} images, target ≥ 22 dB)", "",
          f"Best after refinement: **{mark(best, TARGETS['psnr_refined'], '.2f')}** dB.", "",
          "| method | PSNR dB |", "|---|---|"]
    L += [f"| {k} | {v:.2f} |" for k, v in r.items() if k != "images"]
    L += ["", f"`encoder`: G(E_z(x), E_y(x)). `encoder+zN`: then N Adam steps (lr {cfg.refine_lr}) on z through the "
          "fixed generator, y held at E_y(x) (Creswell & Bharath 2016). `encoder+zyN`: z and the class weights y "
          "refined together. `inner 28 px`: the same images scored on the garment's own 28x28 pixels, without the "
          "padding.", "",
          "## Realism: Fréchet distance in the classifier's penultimate features", "",
          f"- generated (classes balanced) vs real test: **{f['generated_vs_real_test']:.2f}**",
          f"- real training vs real test (the floor): {f['real_train_vs_real_test_floor']:.2f}", f"- {f['n']} images per set",
          "", "## The discriminator (exported for the app's verdict)", "",
          "Verdict = score + projection · y (hinge loss: real images are pushed above +1, generated below -1).", "",
          f"- real test images, their class: mean {d['real_mean']:.3f}, share above 0: {d['real_above_0']:.3f}",
          f"- generated images, the asked class: mean {d['generated_mean']:.3f}, share below 0: {d['generated_below_0']:.3f}",
          f"- AUC real vs generated: {d['auc_real_vs_generated']:.3f} ({d['n']} of each)", "",
          "## Watch it learn: the generator snapshots (shipped for the app's timeline)", "",
          "![snapshots](fashion32-snapshots.png)", "",
          "One row per snapshot (the last row is the shipped generator), one z, the ten classes.", "",
          "| iteration | classifier accuracy on its images | final D's mean verdict |", "|---|---|---|"]
    L += [f"| {s['iteration']} | {s['generated_accuracy']:.3f} | {s['verdict_mean']:.3f} |" for s in res["snapshots"]]
    t = res["stage_seconds"]
    L += ["", "## Stage timings (seconds of wall clock on the hardware above, cumulative over resumes)", "",
          f"- classifier: {res['classifier']['seconds']:.0f}", f"- GAN: {res['gan']['seconds']:.0f}",
          f"- encoder: {res['encoder']['seconds']:.0f}"]
    if res.get("load_average"):
        L.insert(-3, f"Load average (1, 5, 15 min) when evaluated: {', '.join(map(str, res['load_average']))} "
                     "on this machine's cores; other work shared them throughout, so these are not the pipeline's "
                     "times on an idle machine.")
        L.insert(-3, "")
    L += [f"- {k}: {t[k]:.0f}" for k in ("export",) if k in t]
    L += [f"- evaluate (this run): {res['evaluate_seconds']:.0f}", "",
          "Reproduce: `npm run train:fashion` (every stage resumes from ~/.cache/latent-lab/fashion/full).", ""]
    return "\n".join(L)
