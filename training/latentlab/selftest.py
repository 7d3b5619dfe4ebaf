"""Checks of the training code's pure functions, run by `npm run test:training` before the smoke pipeline.

    python3 -m latentlab.selftest   (from training/)
"""
from __future__ import annotations

import sys

import torch

from .config import Config
from .models import Teacher
from .train import (ATTR_NAMES, balance_weights, sample_y, snapshot_rank, teacher_loss, teacher_view,
                    teacher_weights)


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
    assert w[ATTR_NAMES.index("Male")] == 3.0 and float(w.sum()) == len(ATTR_NAMES) + 2.0
    x = torch.rand(32, 3, 64, 64) * 2 - 1  # a cutout would land inside the border in about half of them
    view = teacher_view(x)
    assert view.shape == x.shape
    # no cutout: apart from the zero-padded border a translation leaves, no 16x16 square is blanked
    inner = view[:, :, 8:-8, 8:-8].abs().sum(1)
    assert float(inner.unfold(1, 16, 1).unfold(2, 16, 1).amax((-1, -2)).min()) > 0
    net = Teacher(6, (8, 8, 16)).eval()
    assert net(x).shape == (32, 6) and net(x[:, :, ::2, ::2]).shape == (32, 6), "reads 64 px and 32 px faces"


def check_snapshot_rank() -> None:
    base = {a: 0.95 for a in ATTR_NAMES}
    weak_core = dict(base, Male=0.85)
    weak_extra = dict(base, Young=0.3)
    assert snapshot_rank(weak_extra) > snapshot_rank(weak_core), "a weak core attribute outweighs a weak extra one"
    assert snapshot_rank(base) > snapshot_rank(weak_extra), "ties on the core go to the better mean"


def main() -> int:
    check_balance_weights()
    check_sample_y()
    check_teacher()
    check_snapshot_rank()
    print("selftest: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
