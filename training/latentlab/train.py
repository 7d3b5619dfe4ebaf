"""Training stages: evaluator, GAN, encoder. Each checkpoints to cfg.work_dir and resumes where it stopped."""
from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .config import ATTRIBUTES, CORE_ATTRIBUTES, EVAL_ATTRIBUTES, Config
from .data import Faces
from .models import Discriminator, Encoder, Evaluator, Generator, Teacher

ATTR_NAMES = [a for a, _ in ATTRIBUTES]


def device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def save_atomic(obj, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    tmp.replace(path)


def load(path: Path):
    return torch.load(path, map_location="cpu") if path.exists() else None


# ---------- augmentation (DiffAugment-style: applied to real and fake alike, differentiable) ----------
def augment(x: torch.Tensor, cutout: bool = True) -> torch.Tensor:
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
    m = torch.rand(x.shape[0], 1, 1, 1, device=x.device) < 0.5
    return torch.where(m, x.flip(3), x)


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


class Clock:
    """Wall-clock time spent in a stage, carried across resumes."""

    def __init__(self, spent: float = 0.0):
        self.spent, self.t0 = spent, time.time()

    def total(self) -> float:
        return self.spent + time.time() - self.t0


# ---------- evaluator ----------
def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels > 0
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def train_evaluator(cfg: Config, data_path: Path, log=print) -> dict:
    def jitter(x):  # flips and brightness only: the evaluator should read faces as they are
        return x + (torch.rand(x.shape[0], 1, 1, 1, device=x.device) - 0.5) * 0.2

    torch.manual_seed(cfg.seed)
    return train_classifier(cfg, data_path, Evaluator(len(EVAL_ATTRIBUTES), cfg.eval_channels), EVAL_ATTRIBUTES,
                            cfg.work_dir / "evaluator.pt", cfg.eval_epochs, jitter, "evaluator", log)


def train_teacher(cfg: Config, data_path: Path, log=print) -> dict:
    if cfg.teacher_weight <= 0:
        log("teacher: not used (teacher_weight 0)")
        return {}
    torch.manual_seed(cfg.seed + 7)
    return train_classifier(cfg, data_path, Teacher(len(ATTR_NAMES), cfg.teacher_channels), ATTR_NAMES,
                            cfg.work_dir / "teacher.pt", cfg.teacher_epochs, teacher_view, "teacher", log)


def teacher_loss(logits: torch.Tensor, y: torch.Tensor, margin: float,
                 weight: torch.Tensor | None = None) -> torch.Tensor:
    """Hinge on the teacher's logits against the asked labels y in {-1, 1}: a face already read as asked with this
    margin gets no push, so G is never rewarded for exaggerating an attribute. `weight`, one factor per attribute,
    scales each attribute's push."""
    hinge = F.relu(margin - y * logits)
    return (hinge if weight is None else hinge * weight).mean()


def teacher_weights(cfg: Config) -> torch.Tensor:
    """The per-attribute factors of cfg.teacher_attr_weight as a vector in y's order (1 for attributes not named)."""
    unknown = set(cfg.teacher_attr_weight) - set(ATTR_NAMES)
    if unknown:
        raise ValueError(f"teacher_attr_weight names attributes not in y: {sorted(unknown)}")
    return torch.tensor([float(cfg.teacher_attr_weight.get(a, 1.0)) for a in ATTR_NAMES])


def teacher_view(x: torch.Tensor) -> torch.Tensor:
    """What the teacher sees, in training and when it grades G: colour and translation jitter, no cutout (a square
    over the mouth or the hair would hide the very attribute it grades)."""
    return augment(x, cutout=False)


def train_classifier(cfg: Config, data_path: Path, net, names, ckpt_path: Path, epochs: int, aug, tag: str,
                     log=print) -> dict:
    """Attribute classifier on real training faces (validated on people never seen), checkpointed per epoch."""
    dev = device()
    ck = load(ckpt_path)
    if ck and ck.get("done"):
        log(f"{tag}: done already")
        return ck["metrics"]
    train = Faces(data_path, names, "train", cfg.max_images)
    val = Faces(data_path, names, "val", cfg.max_images // 4 if cfg.max_images else 0)
    net = net.to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    pos = (train.y > 0).float().mean(0)
    pos_weight = ((1 - pos) / pos.clamp(min=1e-3)).sqrt().to(dev)  # soften the class imbalance
    start, clock = 0, Clock()
    if ck:
        net.load_state_dict(ck["net"]), opt.load_state_dict(ck["opt"])
        start, clock = ck["epoch"], Clock(ck["seconds"])
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs, last_epoch=start - 1) if start else \
        torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for epoch in range(start, epochs):
        net.train()
        perm = torch.randperm(len(train))
        for i in range(0, len(train) - 63, 64):
            idx = perm[i : i + 64]
            x = aug(flip(train.images[idx]).to(dev))
            loss = F.binary_cross_entropy_with_logits(net(x), (train.y[idx].to(dev) + 1) / 2, pos_weight=pos_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        sched.step()
        metrics = evaluator_metrics(net, val, dev, names)
        log(f"{tag}: epoch {epoch + 1}/{epochs} loss {loss.item():.3f} "
            + " ".join(f"{k}={v:.3f}" for k, v in metrics["auc"].items()) + f" ({clock.total():.0f}s)")
        save_atomic({"net": net.state_dict(), "opt": opt.state_dict(), "epoch": epoch + 1, "seconds": clock.total()},
                    ckpt_path)
    net.eval()
    metrics = evaluator_metrics(net, val, dev, names)
    metrics["seconds"] = clock.total()
    metrics["val_images"], metrics["train_images"] = len(val), len(train)
    metrics["val_people"] = int(len(set(val.persons.tolist())))
    metrics["train_people"] = int(len(set(train.persons.tolist())))
    metrics["shared_people"] = len(set(val.persons.tolist()) & set(train.persons.tolist()))
    save_atomic({"net": net.state_dict(), "done": True, "metrics": metrics}, ckpt_path)
    return metrics


@torch.no_grad()
def evaluator_metrics(net, val: Faces, dev, names=EVAL_ATTRIBUTES) -> dict:
    net.eval()
    logits = torch.cat([net(val.images[i : i + 256].to(dev)).cpu() for i in range(0, len(val), 256)])
    net.train()
    # Decision threshold per attribute: the one that balances errors on validation (logit 0 under pos_weight).
    return {"auc": {a: auc(logits[:, j].numpy(), val.y[:, j].numpy()) for j, a in enumerate(names)}}


def load_teacher(cfg: Config):
    """The frozen teacher (eval mode, no parameter gradients), or None when the config uses none. Its checkpoint must
    be finished."""
    if cfg.teacher_weight <= 0:
        return None
    ck = load(cfg.work_dir / "teacher.pt")
    if not (ck and ck.get("done")):
        raise RuntimeError("the GAN stage needs the teacher stage first: run `python3 -m latentlab teacher`")
    net = Teacher(len(ATTR_NAMES), cfg.teacher_channels)
    net.load_state_dict(ck["net"])
    return net.eval().requires_grad_(False)


@torch.no_grad()
def teacher_flips(G, teacher, z: torch.Tensor, y: torch.Tensor, batch: int = 128) -> dict[str, float]:
    """Per attribute, the share of faces G(z, y) that the teacher reads off (logit < 0) with that attribute at -1 and
    on (logit > 0) at +1, the rest of each row as in y. The teacher reads the faces as generated (no jitter), so the
    shares are deterministic and the call draws nothing from the random stream the training uses."""
    out = {}
    for j, a in enumerate(ATTR_NAMES):
        hits = 0
        for i in range(0, len(z), batch):
            zb, yb = z[i : i + batch], y[i : i + batch]
            y_off, y_on = yb.clone(), yb.clone()
            y_off[:, j], y_on[:, j] = -1.0, 1.0
            off = teacher(G(zb, y_off))[:, j] < 0
            on = teacher(G(zb, y_on))[:, j] > 0
            hits += int((off & on).sum())
        out[a] = hits / len(z)
    return out


def snapshot_rank(flips: dict[str, float]) -> tuple[float, float]:
    """How the GAN stage ranks G_ema snapshots: the weakest core attribute first, then the mean over all."""
    return min(flips[a] for a in CORE_ATTRIBUTES), sum(flips.values()) / len(flips)


def load_evaluator(cfg: Config):
    ck = load(cfg.work_dir / "evaluator.pt")
    net = Evaluator(len(EVAL_ATTRIBUTES), cfg.eval_channels)
    net.load_state_dict(ck["net"])
    return net.eval()


# ---------- GAN ----------
def make_generator(cfg: Config) -> Generator:
    return Generator(cfg.latent_size, len(ATTRIBUTES), cfg.g_channels)


def train_gan(cfg: Config, data_path: Path, log=print) -> dict:
    torch.manual_seed(cfg.seed)
    dev = device()
    ckpt_path = cfg.work_dir / "gan.pt"
    train = Faces(data_path, ATTR_NAMES, "train", cfg.max_images)
    G, D = make_generator(cfg).to(dev), Discriminator(len(ATTRIBUTES), cfg.d_channels, cfg.d_aux_hidden).to(dev)
    G_ema = copy.deepcopy(G).eval()
    opt_g = torch.optim.Adam(G.parameters(), lr=cfg.lr_g, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=cfg.lr_d, betas=(0.0, 0.9))
    it, clock, history, best, G_best = 0, Clock(), [], None, None
    ck = load(ckpt_path)
    if ck:
        try:
            G.load_state_dict(ck["G"]), D.load_state_dict(ck["D"]), G_ema.load_state_dict(ck["G_ema"])
        except RuntimeError as e:
            raise RuntimeError(f"{ckpt_path} was made by networks of another shape (an older config?); move it away "
                               "to train the GAN stage from scratch") from e
        opt_g.load_state_dict(ck["opt_g"]), opt_d.load_state_dict(ck["opt_d"])
        it, clock, history = ck["iter"], Clock(ck["seconds"]), ck["history"]
        best, G_best = ck.get("best"), ck.get("G_best")
        torch.set_rng_state(ck["rng"])
        log(f"gan: resumed at iteration {it} ({clock.spent:.0f}s spent)")
    if ck and ck.get("done"):
        return {"iterations": it, "seconds": clock.spent, "history": history, "selected": best}

    def checkpoint(done=False):
        save_atomic({"G": G.state_dict(), "D": D.state_dict(), "G_ema": G_ema.state_dict(), "opt_g": opt_g.state_dict(),
                     "opt_d": opt_d.state_dict(), "iter": it, "seconds": clock.total(), "history": history,
                     "rng": torch.get_rng_state(), "best": best, "G_best": G_best, "done": done}, ckpt_path)

    teacher = load_teacher(cfg)
    if teacher is not None:
        teacher, w_teach = teacher.to(dev), teacher_weights(cfg).to(dev)
    # fixed probe faces for the snapshot choice, drawn from their own generator, so the scoring leaves the training's
    # random stream alone
    g_probe = torch.Generator().manual_seed(cfg.seed + 11)
    z_probe = torch.randn(cfg.select_n, cfg.latent_size, generator=g_probe).to(dev)
    y_probe = train.y[torch.randint(0, len(train), (cfg.select_n,), generator=g_probe)].to(dev)

    def progress() -> float:
        return max(it / cfg.gan_iters, clock.total() / (cfg.gan_minutes * 60))

    def consider_snapshot() -> None:
        nonlocal best, G_best
        flips = teacher_flips(G_ema, teacher, z_probe, y_probe)
        rank = snapshot_rank(flips)
        shown = {a: round(v, 4) for a, v in flips.items()}
        kept = best is None or rank > tuple(best["rank"])
        if kept:
            best = {"iter": it, "rank": list(rank), "flips": shown}
            G_best = {k: v.detach().cpu().clone() for k, v in G_ema.state_dict().items()}
        log("gan: snapshot " + json.dumps({"iter": it, "flips": shown, "kept": kept}))
    b = cfg.batch
    weights = balance_weights(train.y, cfg.balance)
    last_save = time.time()
    while it < cfg.gan_iters and clock.total() < cfg.gan_minutes * 60:
        # real faces and the label rows of fakes come from the same (optionally balanced) distribution, so that a
        # label row alone never tells D real from fake
        idx = torch.multinomial(weights, b, replacement=True)
        real, y = flip(train.images[idx]).to(dev), train.y[idx].to(dev)
        y_fake = sample_y(train.y[torch.multinomial(weights, b, replacement=True)], cfg.flip_prob).to(dev)
        z = torch.randn(b, cfg.latent_size, device=dev)
        # discriminator: hinge loss + auxiliary attribute classifier on real faces only
        with torch.no_grad():
            fake = G(z, y_fake)
        s_real, a_real = D(augment(real), y)
        s_fake, _ = D(augment(fake), y_fake)
        loss_d = F.relu(1 - s_real).mean() + F.relu(1 + s_fake).mean()
        loss_aux_d = F.binary_cross_entropy_with_logits(a_real, (y + 1) / 2)
        opt_d.zero_grad(set_to_none=True)
        (loss_d + cfg.aux_weight * loss_aux_d).backward()
        opt_d.step()
        # generator: fool D and make D's classifier read the requested attributes
        z = torch.randn(b, cfg.latent_size, device=dev)
        fake = G(z, y_fake)
        s_fake, a_fake = D(augment(fake), y_fake)
        loss_g = -s_fake.mean()
        loss_aux_g = F.binary_cross_entropy_with_logits(a_fake, (y_fake + 1) / 2)
        w_aux = cfg.aux_weight_g_late if progress() >= cfg.aux_late_after else cfg.aux_weight_g
        loss_teach = torch.zeros((), device=dev)
        if teacher is not None:
            loss_teach = teacher_loss(teacher(teacher_view(fake)), y_fake, cfg.teacher_margin, w_teach)
        opt_g.zero_grad(set_to_none=True)
        (loss_g + w_aux * loss_aux_g + cfg.teacher_weight * loss_teach).backward()
        opt_g.step()
        with torch.no_grad():
            decay = min(cfg.ema_decay, (1 + it) / (10 + it))
            for pe, p in zip(G_ema.parameters(), G.parameters()):
                pe.lerp_(p, 1 - decay)
        it += 1
        if it % 50 == 0 or it == 1:
            row = {"iter": it, "seconds": round(clock.total(), 1), "loss_d": round(loss_d.item(), 4),
                   "loss_g": round(loss_g.item(), 4), "aux_d": round(loss_aux_d.item(), 4),
                   "aux_g": round(loss_aux_g.item(), 4), "w_aux_g": w_aux,
                   "teach": round(loss_teach.item(), 4)}
            history.append(row)
            log("gan: " + json.dumps(row))
        if teacher is not None and it % cfg.select_every == 0 and progress() >= cfg.select_after:
            consider_snapshot()
        if time.time() - last_save > 120:
            checkpoint()
            last_save = time.time()
    if teacher is not None and progress() >= cfg.select_after and it % cfg.select_every:
        consider_snapshot()  # the last G_ema is always a candidate
    checkpoint(done=True)
    log(f"gan: finished at iteration {it} after {clock.total():.0f}s" +
        (f"; ships the snapshot of iteration {best['iter']}" if best else ""))
    return {"iterations": it, "seconds": clock.total(), "history": history, "selected": best}


def load_generator(cfg: Config) -> Generator:
    """The G_ema snapshot the GAN stage chose (the last one when it chose none)."""
    ck = load(cfg.work_dir / "gan.pt")
    G = make_generator(cfg)
    G.load_state_dict(ck.get("G_best") or ck["G_ema"])
    return G.eval()


# ---------- encoder ----------
def make_encoder(cfg: Config) -> Encoder:
    return Encoder(cfg.latent_size, len(ATTRIBUTES), cfg.e_channels)


def train_encoder(cfg: Config, data_path: Path, log=print) -> dict:
    """E_z on generated pairs (IcGAN) and E_y on labelled real faces, plus a pixel reconstruction term on real faces
    through the frozen generator, so that the encoder's z starts gradient-descent refinement close to the photo."""
    torch.manual_seed(cfg.seed + 1)
    dev = device()
    ckpt_path = cfg.work_dir / "encoder.pt"
    train = Faces(data_path, ATTR_NAMES, "train", cfg.max_images)
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
    n, b = len(train), cfg.batch
    last_save = time.time()

    def checkpoint(done=False):
        save_atomic({"E": E.state_dict(), "opt": opt.state_dict(), "iter": it, "seconds": clock.total(),
                     "history": history, "done": done}, ckpt_path)

    while it < cfg.enc_iters and clock.total() < cfg.enc_minutes * 60:
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
        if time.time() - last_save > 120:
            checkpoint()
            last_save = time.time()
    checkpoint(done=True)
    return {"iterations": it, "seconds": clock.total(), "history": history}


def load_encoder(cfg: Config) -> Encoder:
    E = make_encoder(cfg)
    E.load_state_dict(load(cfg.work_dir / "encoder.pt")["E"])
    return E.eval()
