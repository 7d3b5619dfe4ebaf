"""Image augmentation, DiffAugment-style: applied to real and fake faces alike, differentiable, drawing from torch's
global random stream (which every stage's checkpoint saves)."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def augment(x: torch.Tensor, cutout: bool = True) -> torch.Tensor:
    """[B, 3, S, S] in [-1, 1]: colour jitter, translation by up to S/8 (zero padded) and, optionally, a cutout."""
    b = x.shape[0]
    dev = x.device
    # colour: brightness, saturation, contrast
    x = x + (torch.rand(b, 1, 1, 1, device=dev) - 0.5) * 0.5
    mean = x.mean(dim=1, keepdim=True)
    x = (x - mean) * (torch.rand(b, 1, 1, 1, device=dev) * 2) + mean
    mean = x.mean(dim=[1, 2, 3], keepdim=True)
    x = (x - mean) * (torch.rand(b, 1, 1, 1, device=dev) + 0.5) + mean
    # translation by up to 1/8 of the side, zero padded
    s = x.shape[-1]
    shift = s // 8
    pad = F.pad(x, [shift] * 4)
    dx = torch.randint(0, 2 * shift + 1, (b,), device=dev)
    dy = torch.randint(0, 2 * shift + 1, (b,), device=dev)
    ar = torch.arange(s, device=dev)
    rows = (dy[:, None] + ar[None]).view(b, 1, s, 1).expand(b, x.shape[1], s, s + 2 * shift)
    pad = torch.gather(pad, 2, rows)
    cols = (dx[:, None] + ar[None]).view(b, 1, 1, s).expand(b, x.shape[1], s, s)
    x = torch.gather(pad, 3, cols)
    if not cutout:
        return x
    # cutout of a quarter-side square
    c = s // 4
    cx = torch.randint(0, s - c + 1, (b, 1, 1), device=dev)
    cy = torch.randint(0, s - c + 1, (b, 1, 1), device=dev)
    gx = ar.view(1, 1, s)
    gy = ar.view(1, s, 1)
    keep = ~(((gx >= cx) & (gx < cx + c)) & ((gy >= cy) & (gy < cy + c)))
    return x * keep[:, None].float()


def flip(x: torch.Tensor) -> torch.Tensor:
    """Mirrors a random half of the batch left to right."""
    m = torch.rand(x.shape[0], 1, 1, 1, device=x.device) < 0.5
    return torch.where(m, x.flip(3), x)


def teacher_view(x: torch.Tensor) -> torch.Tensor:
    """What G's teacher sees, in training and when it grades G: colour and translation jitter, no cutout (a square
    over the mouth or the hair would hide the very attribute it grades)."""
    return augment(x, cutout=False)
