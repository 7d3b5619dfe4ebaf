"""The measurements the reports are made of, shared by the face model's evaluate stage (evaluate.py), the
Fashion-MNIST model's (fashion/evaluate.py), `compare` and the studies: PSNR, batched inference, the evaluator's
thresholds and decisions, refinement of z through a fixed generator, Fréchet distance and controllability (flips).
Pure functions of their arguments: no files read or written."""
from __future__ import annotations

import numpy as np
import torch

from .config import ATTRIBUTE_NAMES
from .data import Faces


def psnr(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Per image, pixels in [-1, 1] (peak-to-peak 2)."""
    mse = (a - b).pow(2).flatten(1).mean(1).clamp(min=1e-10)
    return 10 * torch.log10(4.0 / mse)


@torch.no_grad()
def batched(fn, *xs, bs=128):
    outs = [fn(*(x[i : i + bs] for x in xs)) for i in range(0, len(xs[0]), bs)]
    if isinstance(outs[0], tuple):
        return tuple(torch.cat(o) for o in zip(*outs))
    return torch.cat(outs)


def thresholds(ev, val: Faces) -> torch.Tensor:
    """Per attribute, the logit threshold that maximises balanced accuracy on real validation faces."""
    logits = batched(ev, val.images)
    out = []
    for j in range(len(ATTRIBUTE_NAMES)):
        s, lab = logits[:, j], val.y[:, j] > 0
        best, best_t = -1.0, 0.0
        for t in torch.quantile(s, torch.linspace(0.02, 0.98, 97)):
            pred = s > t
            bal = 0.5 * ((pred & lab).sum() / lab.sum().clamp(min=1) + (~pred & ~lab).sum() / (~lab).sum().clamp(min=1))
            if bal > best:
                best, best_t = float(bal), float(t)
        out.append(best_t)
    return torch.tensor(out)


def decisions(ev, x, thr) -> torch.Tensor:
    return batched(ev, x) > thr


def refine(G, z0, y, target, steps: int, lr: float, record=(), fit_y: bool = False) -> tuple[torch.Tensor, dict]:
    """Creswell & Bharath 2016: gradient descent on z through the fixed generator (y held fixed, or with fit_y refined
    alongside z)."""
    z = z0.clone().requires_grad_(True)
    if fit_y:
        y = y.clone().requires_grad_(True)
    opt = torch.optim.Adam([z, y] if fit_y else [z], lr=lr)
    scores = {}
    for step in range(1, steps + 1):
        loss = (G(z, y) - target).pow(2).flatten(1).mean(1).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step in record:
            with torch.no_grad():
                scores[step] = float(psnr(G(z, y), target).mean())
    return z.detach(), scores


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    mu1, mu2 = a.mean(0), b.mean(0)
    c1, c2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    # trace sqrt(C1 C2) from the eigenvalues of sqrt(C1) C2 sqrt(C1), which is symmetric
    w, v = np.linalg.eigh(c1)
    s1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    ev = np.linalg.eigvalsh(s1 @ c2 @ s1)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(c1) + np.trace(c2) - 2 * np.sqrt(np.clip(ev, 0, None)).sum())


def controllability(G, ev, thr, z, y, lo: float, hi: float) -> dict[str, float]:
    """Share of generated faces whose evaluator decision flips when one attribute goes from lo to hi, the rest as in y."""
    out = {}
    for j, a in enumerate(ATTRIBUTE_NAMES):
        y_off, y_on = y.clone(), y.clone()
        y_off[:, j], y_on[:, j] = lo, hi
        d_off = decisions(ev, batched(G, z, y_off), thr)[:, j]
        d_on = decisions(ev, batched(G, z, y_on), thr)[:, j]
        out[a] = float((~d_off & d_on).float().mean())
    return out
