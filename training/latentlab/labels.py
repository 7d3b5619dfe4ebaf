"""Label rows in {-1, 1}: the attributes asked of generated faces, and the weights that loosen CelebA's correlations."""
from __future__ import annotations

import torch


def sample_y(y_real: torch.Tensor, flip_prob: float) -> torch.Tensor:
    """Attributes for fakes: real label rows (the joint distribution), with one attribute flipped now and then so
    that the generator also learns to change one attribute alone."""
    y = y_real[torch.randperm(len(y_real))].clone()
    b, k = y.shape
    which = torch.randint(0, k, (b,))
    do = torch.rand(b) < flip_prob
    y[do, which[do]] *= -1
    return y


def balance_weights(y: torch.Tensor, alpha: float) -> torch.Tensor:
    """Sampling weights that loosen the correlation between attributes: each face is weighted by
    (P_independent(its label row) / P_observed(its label row)) ** alpha, where P_independent is the product of the
    per-attribute marginals. alpha = 0 is uniform; 1 would sample label rows as if attributes were independent.
    Rare rows (a blond man: 98 of 13.6k training faces) come up more often, common ones less. Clipped so that no face
    is drawn more than 8 times as often as the median one."""
    on = y > 0
    code = (on.long() * (1 << torch.arange(y.shape[1]))).sum(1)
    p_obs = torch.bincount(code, minlength=1 << y.shape[1]).double()[code] / len(y)
    marg = on.double().mean(0)
    p_ind = torch.where(on, marg, 1 - marg).prod(1)
    w = (p_ind / p_obs) ** alpha
    w = (w / w.median()).clamp(0.2, 8.0)
    return (w / w.sum()).float()
