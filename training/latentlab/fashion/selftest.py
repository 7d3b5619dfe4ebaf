"""Checks of the Fashion-MNIST pipeline, run by `python3 -m latentlab selftest`: every stage stopped just after a
checkpoint and resumed continues exactly as an uninterrupted one, and the export, read back as the browser reads it
(manifest_model), computes what the PyTorch networks compute. Uses the first images of the installed data set."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import torch

from ..checkpoint import load
from ..manifest_model import ManifestNet, load_manifest_model, load_weights
from .config import smoke
from .export import export, fixture_inputs, plain_discriminator
from .stages import load_discriminator, load_encoder, load_generator, train_classifier, train_encoder, train_gan


class Interrupted(Exception):
    pass


def tiny(work: Path):
    cfg = smoke(work)
    cfg.max_images, cfg.batch, cfg.clf_epochs, cfg.gan_iters, cfg.enc_iters = 128, 8, 2, 8, 6
    cfg.checkpoint_every, cfg.snapshot_at = 3, (1, 2, 5)
    return cfg


def run_stages(work: Path, interrupt: bool):
    """With interrupt, each stage is stopped just after a checkpoint (the classifier after epoch 1 of 2, the others at
    iteration 3) and then resumed, as if the process had been killed there."""
    cfg = tiny(work)

    def log(msg: str) -> None:
        if interrupt and msg.startswith(("classifier: epoch 1/", "gan: checkpoint at iteration 3",
                                         "encoder: checkpoint at iteration 3")):
            raise Interrupted(msg)

    for stage in (train_classifier, train_gan, train_encoder):
        try:
            stage(cfg, log)
        except Interrupted:
            stage(cfg, lambda msg: None)
    return cfg


def same(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return torch.equal(a, b) if isinstance(a, torch.Tensor) else a == b


def check_resume(tmp: Path):
    run_stages(tmp / "whole", False)
    cfg = run_stages(tmp / "resumed", True)
    for file, keys in (("classifier.pt", ["net", "metrics"]), ("gan.pt", ["G", "D", "G_ema", "snapshots", "iter"]),
                       ("encoder.pt", ["E", "iter"])):
        whole, resumed = load(tmp / "whole" / "work" / file), load(tmp / "resumed" / "work" / file)
        for k in keys:
            if k == "metrics":
                whole[k].pop("seconds"), resumed[k].pop("seconds")
                for h in whole[k]["history"] + resumed[k]["history"]:
                    h.pop("seconds")
            assert same(whole[k], resumed[k]), f"fashion {file}: {k} differs after a resume"
    assert sorted(load(tmp / "whole" / "work" / "gan.pt")["snapshots"]) == [1, 2, 5]
    return cfg


@torch.no_grad()
def check_export(cfg) -> None:
    D_sn = load_discriminator(cfg)
    x = torch.rand(4, 1, 32, 32) * 2 - 1
    y = torch.eye(10)[:4]
    assert torch.allclose(D_sn(x, y)[0], plain_discriminator(D_sn, rounded=False)(x, y)[0], atol=1e-5), \
        "spectral norm folded into D's weights changes nothing"
    export(cfg, lambda msg: None)
    manifest, weights, g, e = load_manifest_model(cfg.out_dir)
    d = ManifestNet(manifest["networks"]["discriminator"]["layers"], weights).eval()
    G, E = load_generator(cfg), load_encoder(cfg)
    D = plain_discriminator(D_sn)
    z, y = fixture_inputs(cfg)
    w = torch.cat([z, y], 1)
    img = G(z, y)
    assert torch.allclose(g(w, w), img, atol=2e-2), "the exported generator is G (to float16 rounding)"
    assert torch.allclose(d(img), D.heads(img), atol=1e-3, rtol=1e-3), "the exported discriminator is D"
    zs = cfg.latent_size
    assert torch.allclose(e(img), torch.cat(E(img), 1), atol=2e-2), "the exported encoder is E"
    assert len(manifest["snapshots"]) == 3 and manifest["channels"] == 1
    for snap in manifest["snapshots"]:
        sw = load_weights(cfg.out_dir, {"weights": [snap["weights"]]})
        assert set(sw) == {wt["name"] for wt in manifest["weights"][0]["weights"]}, "a snapshot swaps in by name"
    assert all(f["bytes"] < 4 * 1024 * 1024 for f in manifest["files"])
    assert json.loads((cfg.report_dir / "fashion32-parity.json").read_text())["batch"] == len(z) and zs == z.shape[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cfg = check_resume(Path(tmp))
        check_export(cfg)
    print("selftest: fashion ok")
