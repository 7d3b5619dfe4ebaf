"""Checks of the training code's pure functions, of its safety stop, and that every stage resumed from its checkpoint
continues exactly as an uninterrupted one; run by `npm run test:training` before the smoke pipeline.

    python3 -m latentlab selftest   (from training/; also python3 -m latentlab.selftest)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

from .augment import teacher_view
from .checkpoint import Budget, Clock, load
from .classifiers import train_teacher
from .config import ATTRIBUTE_NAMES, Config, smoke
from .encoder import train_encoder
from .gan import snapshot_rank, teacher_loss, teacher_weights, train_gan
from .labels import balance_weights, sample_y
from .models import Teacher


def correlated_labels(n: int = 20000) -> torch.Tensor:
    """Two attributes that agree 90% of the time, and a third independent one, as {-1, 1}."""
    g = torch.Generator().manual_seed(0)
    a = torch.rand(n, generator=g) < 0.3
    b = torch.where(torch.rand(n, generator=g) < 0.9, a, ~a)
    c = torch.rand(n, generator=g) < 0.5
    return torch.stack([a, b, c], 1).float() * 2 - 1


def correlation(y: torch.Tensor, w: torch.Tensor) -> float:
    """Weighted Pearson correlation of the first two columns."""
    m = (w[:, None] * y).sum(0)
    cov = (w * (y[:, 0] - m[0]) * (y[:, 1] - m[1])).sum()
    var = (w[:, None] * (y - m) ** 2).sum(0)
    return float(cov / (var[0] * var[1]).sqrt())


def check_balance_weights() -> None:
    y = correlated_labels()
    uniform = balance_weights(y, 0.0)
    assert torch.allclose(uniform, torch.full_like(uniform, 1 / len(y))), "alpha = 0 must sample uniformly"
    r0, r_half, r1 = (correlation(y, balance_weights(y, a)) for a in (0.0, 0.5, 1.0))
    assert r0 > 0.7, r0
    assert r0 > r_half > r1 and abs(r1) < 0.05, (r0, r_half, r1)
    w = balance_weights(y, 1.0)
    assert abs(float(w.sum()) - 1) < 1e-5 and float(w.max() / w.min()) <= 40.0 + 1e-3


def check_sample_y() -> None:
    y = correlated_labels(1000)
    assert torch.equal(sample_y(y, 0.0).sort(0).values, y.sort(0).values), "no flips: a permutation of the rows"
    same = -torch.ones(1000, 6)
    ones = (sample_y(same, 1.0) > 0).sum(1)
    assert torch.equal(ones, torch.ones_like(ones)), "flip share 1: exactly one attribute flipped in every row"
    share = float(((sample_y(same, 0.2) > 0).sum(1) == 1).float().mean())
    assert 0.15 < share < 0.25, share


def check_teacher() -> None:
    y = torch.tensor([[1.0, -1.0], [1.0, -1.0]])
    beyond = torch.tensor([[2.5, -3.0], [4.0, -2.0]], requires_grad=True)
    loss = teacher_loss(beyond, y, 2.0)
    loss.backward()
    assert float(loss) == 0 and float(beyond.grad.abs().sum()) == 0, "read as asked with margin: no push"
    wrong = torch.tensor([[-1.0, 1.0], [0.5, -0.5]], requires_grad=True)
    teacher_loss(wrong, y, 2.0).backward()
    assert torch.equal(wrong.grad.sign(), -y), "the push goes towards the asked label"
    weighted = wrong.detach().clone().requires_grad_(True)
    teacher_loss(weighted, y, 2.0, torch.tensor([3.0, 1.0])).backward()
    assert torch.allclose(weighted.grad, wrong.grad * torch.tensor([3.0, 1.0])), "a factor scales only its attribute"
    w = teacher_weights(Config(teacher_attr_weight={"Male": 3.0}))
    assert w[ATTRIBUTE_NAMES.index("Male")] == 3.0 and float(w.sum()) == len(ATTRIBUTE_NAMES) + 2.0
    x = torch.rand(32, 3, 64, 64) * 2 - 1  # a cutout would land inside the border in about half of them
    view = teacher_view(x)
    assert view.shape == x.shape
    # no cutout: apart from the zero-padded border a translation leaves, no 16x16 square is blanked
    inner = view[:, :, 8:-8, 8:-8].abs().sum(1)
    assert float(inner.unfold(1, 16, 1).unfold(2, 16, 1).amax((-1, -2)).min()) > 0
    net = Teacher(6, (8, 8, 16)).eval()
    assert net(x).shape == (32, 6) and net(x[:, :, ::2, ::2]).shape == (32, 6), "reads 64 px and 32 px faces"


def check_snapshot_rank() -> None:
    base = {a: 0.95 for a in ATTRIBUTE_NAMES}
    weak_core = dict(base, Male=0.85)
    weak_extra = dict(base, Young=0.3)
    assert snapshot_rank(weak_extra) > snapshot_rank(weak_core), "a weak core attribute outweighs a weak extra one"
    assert snapshot_rank(base) > snapshot_rank(weak_extra), "ties on the core go to the better mean"


def check_budget() -> None:
    lines = []
    budget = Budget("gan", 10, 0.0, Clock(), lines.append)
    assert budget.progress(5) == 0.5, "schedules follow the iteration count alone"
    assert not budget.running(3) and budget.safety_stop == {"iteration": 3, "iterations": 10, "max_minutes": 0.0}
    assert any("SAFETY STOP" in line and "iteration 3 of 10" in line for line in lines), lines
    ample = Budget("gan", 10, 60.0, Clock(), lines.append)
    assert ample.running(9) and not ample.running(10) and ample.safety_stop is None


class Interrupted(Exception):
    pass


def check_lr_schedule() -> None:
    from .gan import lr_factor
    cfg = Config(lr_decay_from=0.5, lr_final=0.1)
    got = [lr_factor(cfg, p) for p in (0.0, 0.5, 0.75, 1.0)]
    assert all(abs(a - b) < 1e-9 for a, b in zip(got, [1.0, 1.0, 0.55, 0.1])), got
    assert lr_factor(Config(), 0.9) == 1.0  # the shipped recipe keeps its rates


def check_crop_transform() -> None:
    """A crop's landmarks made from the template by a known similarity are carried back onto it exactly."""
    from .data import crop_transform, outside_share
    template = np.array([[0.37, 0.47], [0.62, 0.48], [0.5, 0.64], [0.38, 0.75], [0.61, 0.75]])
    a, b, t = 0.4 * np.cos(0.2), 0.4 * np.sin(0.2), np.array([30.0, 12.0])
    pts = template * 128
    crop = np.stack([a * pts[:, 0] - b * pts[:, 1], b * pts[:, 0] + a * pts[:, 1]], 1) + t
    m = crop_transform(crop, template, 128)
    back = crop @ m[:, :2].T + m[:, 2]
    assert np.abs(back - pts).max() < 1e-6, back - pts
    assert outside_share(m, 128, 128, 128) == 0.0  # the model square maps inside a 128 px picture here
    assert outside_share(m, 40, 40, 128) > 0.5


def synthetic_faces(path: Path, n: int = 160) -> Path:
    """A stand-in for the CelebA cache (data.prepare's format): random 64 px faces and labels, every 5th one
    validation."""
    rng = np.random.default_rng(0)
    np.savez(path, images=rng.integers(0, 256, (n, 64, 64, 3), dtype=np.uint8),
             attrs=rng.choice(np.array([-1, 1], dtype=np.int8), (n, len(ATTRIBUTE_NAMES))),
             attr_names=np.array(ATTRIBUTE_NAMES), persons=np.arange(n, dtype=np.int32), val=np.arange(n) % 5 == 0,
             files=np.array([f"{i}.jpg" for i in range(n)]))
    return path


def run_stages(work: Path, data: Path, interrupt: bool) -> None:
    """Teacher, GAN and encoder on tiny networks. With interrupt, each stage is stopped just after a checkpoint (the
    teacher after epoch 1 of 2, the others at iteration 3) and then resumed, as if the process had been killed there."""
    cfg = smoke(work)
    cfg.batch, cfg.teacher_epochs, cfg.gan_iters, cfg.enc_iters, cfg.checkpoint_every = 8, 2, 8, 6, 3
    cfg.select_every, cfg.select_n = 2, 8

    def log(msg: str) -> None:
        if interrupt and msg.startswith(("teacher: epoch 1/", "gan: checkpoint at iteration 3",
                                         "encoder: checkpoint at iteration 3")):
            raise Interrupted(msg)

    for stage in (train_teacher, train_gan, train_encoder):
        try:
            stage(cfg, data, log)
        except Interrupted:
            stage(cfg, data, lambda msg: None)


def same_tensors(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_tensors(a[k], b[k]) for k in a)
    return torch.equal(a, b) if isinstance(a, torch.Tensor) else a == b


def check_resume() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = synthetic_faces(Path(tmp) / "faces.npz")
        run_stages(Path(tmp) / "whole", data, False)
        run_stages(Path(tmp) / "resumed", data, True)
        for file, keys in (("teacher.pt", ["net"]), ("gan.pt", ["G", "D", "G_ema", "G_best", "best", "iter"]),
                           ("encoder.pt", ["E", "iter"])):
            whole, resumed = load(Path(tmp) / "whole" / "work" / file), load(Path(tmp) / "resumed" / "work" / file)
            for k in keys:
                assert same_tensors(whole[k], resumed[k]), f"{file}: {k} differs after a resume"


def main() -> int:
    check_balance_weights()
    check_sample_y()
    check_teacher()
    check_snapshot_rank()
    check_budget()
    check_lr_schedule()
    check_crop_transform()
    check_resume()
    from .fashion.selftest import main as check_fashion
    check_fashion()
    print("selftest: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
