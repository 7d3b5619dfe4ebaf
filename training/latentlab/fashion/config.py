"""Settings of the Fashion-MNIST model as a dataclass: `FashionConfig()` is the committed model, `smoke` CI's tiny
run. Iteration counts are the contract (the same command makes the same model on any machine); the wall-clock limits
are safety stops only."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..config import CACHE, ROOT

DATA = Path(os.environ.get("LATENT_LAB_FASHION_DATA", "/usr/share/datasets/fashion-mnist"))
# The labels of Fashion-MNIST, in label order (Xiao, Rasul & Vollgraf 2017).
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


@dataclass
class FashionConfig:
    name: str = "full"
    resolution: int = 32  # the 28 px images padded by 2 px of background on every side
    latent_size: int = 64
    g_channels: tuple = (128, 64, 32, 16)  # at 4, 8, 16, 32 px
    d_channels: tuple = (32, 64, 128)  # at 16, 8, 4 px
    d_hidden: int = 256
    e_channels: tuple = (32, 64, 128)
    e_hidden: int = 256
    clf_channels: tuple = (16, 32, 64)
    clf_hidden: int = 128
    clf_epochs: int = 2
    batch: int = 32
    # 2,500 iterations at batch 32 (1.3 epochs): what fitted in about 40 minutes on two CPU cores shared with a busy
    # test suite (the first run, 2026-11-30; reports/fashion32.md). The count, not the clock, ends the stage.
    gan_iters: int = 2500
    gan_max_minutes: float = 600.0
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    ema_decay: float = 0.999
    # D's auxiliary classifier (AC-GAN): trained on real images, and G is asked to make images it classifies as asked.
    aux_weight_d: float = 1.0
    aux_weight_g: float = 1.0
    # G_ema snapshots kept for the app's timeline, at these iterations (those before the stage's end); the shipped G
    # (the last G_ema) is the timeline's end, so it is not stored twice.
    snapshot_at: tuple = (40, 160, 500, 1000, 2000)
    enc_iters: int = 1000  # the encoder only starts the refinement, so its length matters less
    enc_max_minutes: float = 120.0
    enc_recon_weight: float = 1.0
    checkpoint_every: int = 200
    max_images: int = 0  # 0 = all
    n_eval_per_class: int = 1000
    n_frechet: int = 5000
    n_recon: int = 100
    refine_steps: tuple = (50, 100, 200)
    refine_lr: float = 0.05
    seed: int = 1234
    out_dir: Path = field(default_factory=lambda: ROOT / "public" / "models" / "fashion32")
    report_dir: Path = field(default_factory=lambda: ROOT / "training" / "reports")
    work_dir: Path = field(default_factory=lambda: CACHE / "fashion" / "full")

    def snapshot_iters(self) -> list[int]:
        return sorted(i for i in set(self.snapshot_at) if 0 < i < self.gan_iters)

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: str(v) if isinstance(v, Path) else v for k, v in d.items()}


def smoke(tmp: Path) -> FashionConfig:
    return FashionConfig(
        name="smoke", latent_size=8, g_channels=(16, 8, 8, 8), d_channels=(8, 8, 16), d_hidden=16,
        e_channels=(8, 8, 16), e_hidden=16, clf_channels=(8, 8, 16), clf_hidden=16, clf_epochs=1, batch=16, gan_iters=20,
        gan_max_minutes=10.0, enc_iters=10, enc_max_minutes=10.0, checkpoint_every=5, max_images=800,
        n_eval_per_class=8, n_frechet=64, n_recon=8, refine_steps=(2, 4), snapshot_at=(1, 2, 5, 10, 15), out_dir=tmp / "model",
        report_dir=tmp / "reports", work_dir=tmp / "work")
