"""Networks. The generator and encoder use only ops the browser engine interprets (see docs/model-format.md)."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class PixelNorm(nn.Module):
    # Normalises each pixel's feature vector: no batch statistics, so train and inference behave the same
    # and the weight EMA needs no re-estimated statistics.
    def __init__(self, eps: float = 1e-8):
        super().__init__()
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(dim=1, keepdim=True) + self.eps)


class Modulate(nn.Module):
    """Per-channel scale and shift predicted from w = concat(z, y): conditions every layer on the attributes."""

    def __init__(self, w_dim: int, channels: int):
        super().__init__()
        self.gamma = nn.Linear(w_dim, channels)
        self.beta = nn.Linear(w_dim, channels)
        for lin in (self.gamma, self.beta):
            nn.init.normal_(lin.weight, std=0.02)
            nn.init.zeros_(lin.bias)

    def forward(self, x, w):
        return x * (1 + self.gamma(w)[:, :, None, None]) + self.beta(w)[:, :, None, None]


class Generator(nn.Module):
    def __init__(self, latent_size: int, n_attr: int, channels=(256, 192, 128, 64, 32), out_channels: int = 3):
        super().__init__()
        self.latent_size, self.n_attr, self.channels = latent_size, n_attr, tuple(channels)
        w_dim = latent_size + n_attr
        self.fc = nn.Linear(w_dim, 4 * 4 * channels[0])
        self.norm = PixelNorm()
        self.mods = nn.ModuleList([Modulate(w_dim, channels[0])])
        self.convs = nn.ModuleList()
        for cin, cout in zip(channels[:-1], channels[1:]):
            self.convs.append(nn.Conv2d(cin, cout, 3, padding=1))
            self.mods.append(Modulate(w_dim, cout))
        self.to_rgb = nn.Conv2d(channels[-1], out_channels, 3, padding=1)

    def forward(self, z, y):
        w = torch.cat([z, y], dim=1)
        x = self.fc(w).view(-1, self.channels[0], 4, 4)
        x = F.leaky_relu(self.mods[0](self.norm(x), w), 0.2)
        for conv, mod in zip(self.convs, self.mods[1:]):
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = F.leaky_relu(mod(self.norm(conv(x)), w), 0.2)
        return torch.tanh(self.to_rgb(x))


class Discriminator(nn.Module):
    """Spectral-norm convnet with a projection term for y and an auxiliary attribute classifier (AC-GAN)."""

    def __init__(self, n_attr: int, channels=(64, 128, 256, 256), aux_hidden: int = 0):
        super().__init__()
        layers, cin = [], 3
        for cout in channels:
            layers += [spectral_norm(nn.Conv2d(cin, cout, 4, 2, 1)), nn.LeakyReLU(0.2)]
            cin = cout
        self.body = nn.Sequential(*layers)
        feat = cin * 4 * 4
        self.fc = spectral_norm(nn.Linear(feat, 256))
        self.out = spectral_norm(nn.Linear(256, 1))
        self.embed = spectral_norm(nn.Linear(n_attr, 256, bias=False))
        # aux_hidden = 0: a linear classifier on the features the adversarial score uses (runs 1-3). Otherwise a
        # classifier with its own hidden layer, without spectral norm, on the conv features: run 3's linear head read
        # Male right on only 84% of real faces, too weak a teacher for G (see training/reports/runs.md).
        self.aux_hidden = aux_hidden
        if aux_hidden:
            self.aux = nn.Sequential(nn.Linear(feat, aux_hidden), nn.LeakyReLU(0.2), nn.Linear(aux_hidden, n_attr))
        else:
            self.aux = nn.Linear(256, n_attr)

    def forward(self, x, y):
        f = self.body(x).flatten(1)
        h = F.leaky_relu(self.fc(f), 0.2)
        score = self.out(h).squeeze(1) + (self.embed(y) * h).sum(1)
        return score, self.aux(f if self.aux_hidden else h)


class ConvNet(nn.Module):
    """Stride-2 conv stack + MLP head: the encoder (outputs [z, y]) and the evaluator (outputs logits)."""

    def __init__(self, n_out: int, channels=(32, 64, 128, 256), hidden: int = 512, res: int = 64, norm: bool = False,
                 in_channels: int = 3):
        super().__init__()
        layers, cin = [], in_channels
        for cout in channels:
            layers.append(nn.Conv2d(cin, cout, 4, 2, 1))
            if norm:
                layers.append(nn.BatchNorm2d(cout))
            layers.append(nn.LeakyReLU(0.2))
            cin = cout
        self.body = nn.Sequential(*layers)
        side = res // 2 ** len(channels)
        self.fc = nn.Linear(cin * side * side, hidden)
        self.out = nn.Linear(hidden, n_out)
        self.dropout = nn.Dropout(0.3 if norm else 0.0)

    def features(self, x):
        return F.leaky_relu(self.fc(self.body(x).flatten(1)), 0.2)

    def forward(self, x):
        return self.out(self.dropout(self.features(x)))


class Evaluator(ConvNet):
    """Independent attribute classifier trained on real faces only; it measures and is never a training loss."""

    def __init__(self, n_attr: int, channels=(32, 64, 128, 256)):
        super().__init__(n_attr, channels, hidden=256, norm=True)


class Teacher(ConvNet):
    """G's attribute teacher (run 5): a classifier of real faces, frozen during the GAN stage. It differs from the
    evaluator on purpose: it sees faces at half resolution (so G can only satisfy it with coarse, visible change such as
    hair, face shape and mouth, not with fine texture), it trains on augmented faces, and G's loss stops at a margin."""

    def __init__(self, n_attr: int, channels=(32, 64, 128)):
        super().__init__(n_attr, channels, hidden=256, res=32, norm=True)

    def forward(self, x):
        return super().forward(F.adaptive_avg_pool2d(x, 32))


class Encoder(ConvNet):
    """IcGAN's E_z and E_y as one network: a shared trunk whose output splits into z and y."""

    def __init__(self, latent_size: int, n_attr: int, channels=(32, 64, 128, 256)):
        super().__init__(latent_size + n_attr, channels, hidden=512)
        self.latent_size = latent_size

    def forward(self, x):
        out = super().forward(x)
        return out[:, : self.latent_size], out[:, self.latent_size :]
