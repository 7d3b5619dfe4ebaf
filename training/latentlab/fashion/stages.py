"""The training stages, each run for a fixed number of epochs or iterations, checkpointed with every random state and
resumed exactly: the evaluation classifier (real images only), the GAN (G, D, G_ema and G_ema's snapshots), and the
encoder (E_z on generated pairs, E_y on real labelled images, plus reconstruction through the frozen G)."""
from __future__ import annotations

import copy
import json

import torch
import torch.nn.functional as F

from ..gan import ema_step
from ..checkpoint import Budget, Clock, device, load, random_state, restore_random_state, save_atomic, seed_all
from .config import FashionConfig
from .data import Garments, one_hot
from .models import N_CLASSES, make_classifier, make_discriminator, make_encoder, make_generator


def shift(x: torch.Tensor, max_px: int = 2) -> torch.Tensor:
    """Random translation by up to max_px, background -1 filling in: the classifier's only augmentation."""
    p = max_px
    padded = F.pad(x, (p, p, p, p), value=-1.0)
    dx, dy = torch.randint(0, 2 * p + 1, (2,)).tolist()
    return padded[:, :, dy : dy + x.shape[2], dx : dx + x.shape[3]]


@torch.no_grad()
def accuracy(net, images: torch.Tensor, labels: torch.Tensor, dev, bs: int = 500) -> float:
    net.eval()
    pred = torch.cat([net(images[i : i + bs].to(dev)).argmax(1).cpu() for i in range(0, len(images), bs)])
    return float((pred == labels).float().mean())


def train_classifier(cfg: FashionConfig, log=print) -> dict:
    """The independent evaluation classifier: real training images, validated on the real test set."""
    path = cfg.work_dir / "classifier.pt"
    ck = load(path)
    if ck and ck.get("done"):
        log("classifier: done already")
        return ck["metrics"]
    seed_all(cfg.seed + 3)
    dev = device()
    train, test = Garments("train", cfg.max_images), Garments("test", cfg.max_images // 4 if cfg.max_images else 0)
    net = make_classifier(cfg).to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, cfg.clf_epochs)
    start, clock, history = 0, Clock(), []
    if ck:
        net.load_state_dict(ck["net"]), opt.load_state_dict(ck["opt"]), sched.load_state_dict(ck["sched"])
        start, clock, history = ck["epoch"], Clock(ck["seconds"]), ck["history"]
        restore_random_state(ck, log, "classifier")
        log(f"classifier: resumed at epoch {start}")
    b = 64
    for epoch in range(start, cfg.clf_epochs):
        net.train()
        perm = torch.randperm(len(train))
        for i in range(0, len(train) - b + 1, b):
            idx = perm[i : i + b]
            loss = F.cross_entropy(net(shift(train.images[idx]).to(dev)), train.labels[idx].to(dev))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        sched.step()
        acc = accuracy(net, test.images, test.labels, dev)
        history.append({"epoch": epoch + 1, "test_accuracy": round(acc, 4), "seconds": round(clock.total(), 1)})
        save_atomic({"net": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "epoch": epoch + 1,
                     "seconds": clock.total(), "history": history, "random": random_state()}, path)
        log(f"classifier: epoch {epoch + 1}/{cfg.clf_epochs} loss {loss.item():.3f} test accuracy {acc:.4f} "
            f"({clock.total():.0f}s)")
    net.eval()
    metrics = {"test_accuracy": accuracy(net, test.images, test.labels, dev), "train_images": len(train),
               "test_images": len(test), "epochs": cfg.clf_epochs, "seconds": clock.total(), "history": history}
    save_atomic({"net": net.state_dict(), "done": True, "metrics": metrics}, path)
    return metrics


def load_classifier(cfg: FashionConfig):
    ck = load(cfg.work_dir / "classifier.pt")
    if not (ck and ck.get("done")):
        raise RuntimeError("run the classifier stage first: python3 -m latentlab fashion classifier")
    net = make_classifier(cfg)
    net.load_state_dict(ck["net"])
    return net.eval().requires_grad_(False), ck["metrics"]


def progress(tag: str, it: int, clock: Clock, history: list, log, **losses: torch.Tensor) -> None:
    """On the first and every 50th iteration, the losses as a row of the stage's history, and in the log."""
    if it % 50 == 0 or it == 1:
        row = {"iter": it, "seconds": round(clock.total(), 1), **{k: round(v.item(), 4) for k, v in losses.items()}}
        history.append(row)
        log(f"{tag}: " + json.dumps(row))


def finish(tag: str, it: int, clock: Clock, history: list, budget: Budget, checkpoint, log) -> dict:
    """The stage's last checkpoint and line, after its iteration count or its safety stop."""
    checkpoint()
    log(f"{tag}: {'stopped by the safety stop' if budget.safety_stop else 'finished'} at iteration {it} of "
        f"{budget.iters} after {clock.total():.0f}s")
    return {"iterations": it, "seconds": clock.total(), "history": history, "safety_stop": budget.safety_stop}


def random_classes(n: int, dev) -> torch.Tensor:
    return one_hot(torch.randint(0, N_CLASSES, (n,))).to(dev)


def train_gan(cfg: FashionConfig, log=print) -> dict:
    """Hinge loss, projection D with an auxiliary classifier (cross-entropy on real images for D, on fakes for G),
    G_ema; G_ema is kept at cfg.snapshot_iters() for the app's timeline."""
    seed_all(cfg.seed)
    dev = device()
    path = cfg.work_dir / "gan.pt"
    train = Garments("train", cfg.max_images)
    G, D = make_generator(cfg).to(dev), make_discriminator(cfg).to(dev)
    G_ema = copy.deepcopy(G).eval()
    opt_g = torch.optim.Adam(G.parameters(), lr=cfg.lr_g, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=cfg.lr_d, betas=(0.0, 0.9))
    it, clock, history, snapshots = 0, Clock(), [], {}
    ck = load(path)
    if ck:
        try:
            G.load_state_dict(ck["G"]), D.load_state_dict(ck["D"]), G_ema.load_state_dict(ck["G_ema"])
        except RuntimeError as e:
            raise RuntimeError(f"{path} was made by networks of another shape; move it away to start over") from e
        opt_g.load_state_dict(ck["opt_g"]), opt_d.load_state_dict(ck["opt_d"])
        it, clock, history, snapshots = ck["iter"], Clock(ck["seconds"]), ck["history"], ck["snapshots"]
        if ck.get("done"):
            return {"iterations": it, "seconds": clock.spent, "history": history}
        log(f"gan: resumed at iteration {it} ({clock.spent:.0f}s spent)")
        restore_random_state(ck, log, "gan")
    budget = Budget("gan", cfg.gan_iters, cfg.gan_max_minutes, clock, log)
    keep = set(cfg.snapshot_iters())

    def checkpoint():
        save_atomic({"G": G.state_dict(), "D": D.state_dict(), "G_ema": G_ema.state_dict(), "opt_g": opt_g.state_dict(),
                     "opt_d": opt_d.state_dict(), "iter": it, "seconds": clock.total(), "history": history,
                     "snapshots": snapshots, "random": random_state(), "done": it >= cfg.gan_iters,
                     "safety_stop": budget.safety_stop}, path)

    b, n = cfg.batch, len(train)
    while budget.running(it):
        idx = torch.randint(0, n, (b,))
        real, y_real, lab_real = train.images[idx].to(dev), train.y[idx].to(dev), train.labels[idx].to(dev)
        y_fake = random_classes(b, dev)
        z = torch.randn(b, cfg.latent_size, device=dev)
        with torch.no_grad():
            fake = G(z, y_fake)
        s_real, a_real = D(real, y_real)
        s_fake, _ = D(fake, y_fake)
        loss_d = F.relu(1 - s_real).mean() + F.relu(1 + s_fake).mean()
        aux_d = F.cross_entropy(a_real, lab_real)
        opt_d.zero_grad(set_to_none=True)
        (loss_d + cfg.aux_weight_d * aux_d).backward()
        opt_d.step()
        z = torch.randn(b, cfg.latent_size, device=dev)
        fake = G(z, y_fake)
        s_fake, a_fake = D(fake, y_fake)
        loss_g = -s_fake.mean()
        aux_g = F.cross_entropy(a_fake, y_fake.argmax(1))
        opt_g.zero_grad(set_to_none=True)
        (loss_g + cfg.aux_weight_g * aux_g).backward()
        opt_g.step()
        ema_step(G_ema, G, it, cfg.ema_decay)
        it += 1
        if it in keep:
            snapshots[it] = {k: v.detach().cpu().clone() for k, v in G_ema.state_dict().items()}
            log(f"gan: snapshot of G_ema at iteration {it}")
        progress("gan", it, clock, history, log, loss_d=loss_d, loss_g=loss_g, aux_d=aux_d, aux_g=aux_g)
        if it % cfg.checkpoint_every == 0 and it < cfg.gan_iters:
            checkpoint()
            log(f"gan: checkpoint at iteration {it}")
    return finish("gan", it, clock, history, budget, checkpoint, log)


def load_gan(cfg: FashionConfig) -> dict:
    ck = load(cfg.work_dir / "gan.pt")
    if not ck:
        raise RuntimeError("run the GAN stage first: python3 -m latentlab fashion gan")
    return ck


def load_generator(cfg: FashionConfig, state: dict | None = None):
    G = make_generator(cfg)
    G.load_state_dict(state if state is not None else load_gan(cfg)["G_ema"])
    return G.eval()


def load_discriminator(cfg: FashionConfig):
    D = make_discriminator(cfg)
    D.load_state_dict(load_gan(cfg)["D"])
    return D.eval()


def train_encoder(cfg: FashionConfig, log=print) -> dict:
    """E_z on generated pairs (IcGAN), E_y on real labelled images, and pixel reconstruction of real images through the
    frozen final G, so that the encoder's z starts the refinement close to the image."""
    seed_all(cfg.seed + 1)
    dev = device()
    path = cfg.work_dir / "encoder.pt"
    train = Garments("train", cfg.max_images)
    G = load_generator(cfg).to(dev).requires_grad_(False)
    E = make_encoder(cfg).to(dev)
    opt = torch.optim.Adam(E.parameters(), lr=2e-4)
    it, clock, history = 0, Clock(), []
    ck = load(path)
    if ck:
        E.load_state_dict(ck["E"]), opt.load_state_dict(ck["opt"])
        it, clock, history = ck["iter"], Clock(ck["seconds"]), ck["history"]
        if ck.get("done"):
            return {"iterations": it, "seconds": clock.spent, "history": history}
        log(f"encoder: resumed at iteration {it} ({clock.spent:.0f}s spent)")
        restore_random_state(ck, log, "encoder")
    budget = Budget("encoder", cfg.enc_iters, cfg.enc_max_minutes, clock, log)

    def checkpoint():
        save_atomic({"E": E.state_dict(), "opt": opt.state_dict(), "iter": it, "seconds": clock.total(),
                     "history": history, "random": random_state(), "done": it >= cfg.enc_iters,
                     "safety_stop": budget.safety_stop}, path)

    b, n = cfg.batch, len(train)
    while budget.running(it):
        z, y = torch.randn(b, cfg.latent_size, device=dev), random_classes(b, dev)
        with torch.no_grad():
            fake = G(z, y)
        z_hat, y_hat = E(fake)
        loss_z, loss_yf = F.mse_loss(z_hat, z), F.mse_loss(y_hat, y)
        idx = torch.randint(0, n, (b,))
        real, y_real = train.images[idx].to(dev), train.y[idx].to(dev)
        z_r, y_r = E(real)
        loss_y = F.mse_loss(y_r, y_real)
        loss_rec = F.mse_loss(G(z_r, y_r), real)
        opt.zero_grad(set_to_none=True)
        (loss_z + loss_yf + loss_y + cfg.enc_recon_weight * loss_rec).backward()
        opt.step()
        it += 1
        progress("encoder", it, clock, history, log, z=loss_z, y_fake=loss_yf, y_real=loss_y, recon=loss_rec)
        if it % cfg.checkpoint_every == 0 and it < cfg.enc_iters:
            checkpoint()
            log(f"encoder: checkpoint at iteration {it}")
    return finish("encoder", it, clock, history, budget, checkpoint, log)


def load_encoder(cfg: FashionConfig):
    ck = load(cfg.work_dir / "encoder.pt")
    if not ck:
        raise RuntimeError("run the encoder stage first: python3 -m latentlab fashion encoder")
    E = make_encoder(cfg)
    E.load_state_dict(ck["E"])
    return E.eval()
