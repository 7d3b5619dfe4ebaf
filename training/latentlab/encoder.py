"""The encoder stage: E(x) -> (z, y) for the frozen generator the GAN stage chose. Runs cfg.enc_iters iterations;
checkpoints every cfg.checkpoint_every and resumes exactly where it stopped."""
from __future__ import annotations

import json
from pathlib import Path

import torch
import torch.nn.functional as F

from .augment import flip
from .checkpoint import Budget, Clock, device, load, random_state, restore_random_state, save_atomic, seed_all
from .config import ATTRIBUTE_NAMES, Config
from .data import Faces
from .gan import load_generator
from .labels import sample_y
from .models import Encoder


def make_encoder(cfg: Config) -> Encoder:
    return Encoder(cfg.latent_size, len(ATTRIBUTE_NAMES), cfg.e_channels)


def train_encoder(cfg: Config, data_path: Path, log=print) -> dict:
    """E_z on generated pairs (IcGAN) and E_y on labelled real faces, plus a pixel reconstruction term on real faces
    through the frozen generator, so that the encoder's z starts gradient-descent refinement close to the photo."""
    seed_all(cfg.seed + 1)
    dev = device()
    ckpt_path = cfg.work_dir / "encoder.pt"
    train = Faces(data_path, ATTRIBUTE_NAMES, "train", cfg.max_images)
    G = load_generator(cfg).to(dev)
    for p in G.parameters():
        p.requires_grad_(False)
    E = make_encoder(cfg).to(dev)
    opt = torch.optim.Adam(E.parameters(), lr=1e-4)
    it, clock, history = 0, Clock(), []
    ck = load(ckpt_path)
    if ck:
        E.load_state_dict(ck["E"]), opt.load_state_dict(ck["opt"])
        it, clock, history = ck["iter"], Clock(ck["seconds"]), ck["history"]
        if ck.get("done"):
            return {"iterations": it, "seconds": clock.spent, "history": history}
        log(f"encoder: resumed at iteration {it} ({clock.spent:.0f}s spent)")
    n, b = len(train), cfg.batch
    budget = Budget("encoder", cfg.enc_iters, cfg.enc_max_minutes, clock, log)

    def checkpoint():
        save_atomic({"E": E.state_dict(), "opt": opt.state_dict(), "iter": it, "seconds": clock.total(),
                     "history": history, "random": random_state(), "done": it >= cfg.enc_iters,
                     "safety_stop": budget.safety_stop}, ckpt_path)

    if ck:  # last, after everything the setup draws, as at the checkpoint
        restore_random_state(ck, log, "encoder")
    while budget.running(it):
        z = torch.randn(b, cfg.latent_size, device=dev)
        y = sample_y(train.y[torch.randint(0, n, (b,))], cfg.flip_prob).to(dev)
        with torch.no_grad():
            fake = G(z, y)
        z_hat, y_hat = E(fake)
        loss_z = F.mse_loss(z_hat, z)
        loss_yf = F.mse_loss(y_hat, y)
        idx = torch.randint(0, n, (b,))
        real, y_real = flip(train.images[idx]).to(dev), train.y[idx].to(dev)
        z_r, y_r = E(real)
        loss_y = F.mse_loss(y_r, y_real)
        loss_rec = F.mse_loss(G(z_r, y_r), real)
        loss = loss_z + loss_yf + loss_y + cfg.enc_recon_weight * loss_rec
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        it += 1
        if it % 50 == 0 or it == 1:
            row = {"iter": it, "seconds": round(clock.total(), 1), "z": round(loss_z.item(), 4),
                   "y_fake": round(loss_yf.item(), 4), "y_real": round(loss_y.item(), 4),
                   "recon": round(loss_rec.item(), 4)}
            history.append(row)
            log("encoder: " + json.dumps(row))
        if it % cfg.checkpoint_every == 0 and it < cfg.enc_iters:
            checkpoint()
            log(f"encoder: checkpoint at iteration {it}")
    checkpoint()
    log(f"encoder: {'stopped by the safety stop' if budget.safety_stop else 'finished'} at iteration {it} of "
        f"{cfg.enc_iters} after {clock.total():.0f}s")
    return {"iterations": it, "seconds": clock.total(), "history": history, "safety_stop": budget.safety_stop}


def load_encoder(cfg: Config) -> Encoder:
    E = make_encoder(cfg)
    E.load_state_dict(load(cfg.work_dir / "encoder.pt")["E"])
    return E.eval()
