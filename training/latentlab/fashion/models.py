"""The Fashion-MNIST networks. G is the face model's Generator with one output channel; E and the evaluation classifier
are the face model's ConvNet on grey images; D is new: a projection discriminator (Miyato & Koyama 2018) with an
auxiliary classifier head (AC-GAN), spectral norm everywhere but the auxiliary head. Every exported network uses only
layer kinds the browser interprets (dense, conv2d, lrelu, flatten, ...)."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

from ..models import ConvNet, Generator
from .config import CLASSES, FashionConfig

N_CLASSES = len(CLASSES)


class Discriminator(nn.Module):
    """score(x, y) = out(h) + <embed(y), h>; aux(h): class logits. h = lrelu(fc(convs(x)))."""

    def __init__(self, channels=(64, 128, 256), hidden: int = 256, res: int = 32):
        super().__init__()
        layers, cin = [], 1
        for cout in channels:
            layers += [spectral_norm(nn.Conv2d(cin, cout, 4, 2, 1)), nn.LeakyReLU(0.2)]
            cin = cout
        self.body = nn.Sequential(*layers)
        self.side = res // 2 ** len(channels)
        self.fc = spectral_norm(nn.Linear(cin * self.side * self.side, hidden))
        self.out = spectral_norm(nn.Linear(hidden, 1))
        self.embed = spectral_norm(nn.Linear(N_CLASSES, hidden, bias=False))
        self.aux = nn.Linear(hidden, N_CLASSES)

    def features(self, x):
        return F.leaky_relu(self.fc(self.body(x).flatten(1)), 0.2)

    def heads(self, x) -> torch.Tensor:
        """[B, 1 + 10 + 10]: the unconditional score, the per-class projection terms, the class logits: what the
        exported network outputs (the browser combines the first two with the class it asks about)."""
        h = self.features(x)
        # embed called as a module (not .weight read directly), so that spectral norm's hook normalises its weight
        rows = self.embed(torch.eye(N_CLASSES, device=x.device))  # [classes, hidden]: each class's embedding
        return torch.cat([self.out(h), h @ rows.t(), self.aux(h)], 1)

    def forward(self, x, y):
        out = self.heads(x)
        return out[:, 0] + (out[:, 1 : 1 + N_CLASSES] * y).sum(1), out[:, 1 + N_CLASSES :]


class Encoder(ConvNet):
    """E_z and E_y as one network: [z, y] from a grey image; y regresses the one-hot class."""

    def __init__(self, latent_size: int, channels=(32, 64, 128), hidden: int = 256, res: int = 32):
        super().__init__(latent_size + N_CLASSES, channels, hidden=hidden, res=res, in_channels=1)
        self.latent_size = latent_size

    def forward(self, x):
        out = super().forward(x)
        return out[:, : self.latent_size], out[:, self.latent_size :]


class Classifier(ConvNet):
    """The independent evaluation classifier: trained on real training images, validated on the real test set; it
    measures and is never a training loss."""

    def __init__(self, channels=(32, 64, 128), hidden: int = 256, res: int = 32):
        super().__init__(N_CLASSES, channels, hidden=hidden, res=res, norm=True, in_channels=1)


def make_generator(cfg: FashionConfig) -> Generator:
    return Generator(cfg.latent_size, N_CLASSES, cfg.g_channels, out_channels=1)


def make_discriminator(cfg: FashionConfig) -> Discriminator:
    return Discriminator(cfg.d_channels, cfg.d_hidden, cfg.resolution)


def make_encoder(cfg: FashionConfig) -> Encoder:
    return Encoder(cfg.latent_size, cfg.e_channels, cfg.e_hidden, cfg.resolution)


def make_classifier(cfg: FashionConfig) -> Classifier:
    return Classifier(cfg.clf_channels, cfg.clf_hidden, cfg.resolution)
