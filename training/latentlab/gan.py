"""The GAN stage: G and D with the AC-GAN term and G's teacher, G_ema, and the choice of the G_ema snapshot that ships.
Runs cfg.gan_iters iterations; checkpoints every cfg.checkpoint_every and resumes exactly where it stopped."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import torch
import torch.nn.functional as F

from .augment import augment, flip, teacher_view
from .checkpoint import Budget, Clock, device, load, random_state, restore_random_state, save_atomic, seed_all
from .classifiers import load_teacher
from .config import ATTRIBUTE_NAMES, CORE_ATTRIBUTES, Config
from .data import Faces
from .labels import balance_weights, sample_y
from .models import Discriminator, Generator


def make_generator(cfg: Config) -> Generator:
    return Generator(cfg.latent_size, len(ATTRIBUTE_NAMES), cfg.g_channels)


def teacher_loss(logits: torch.Tensor, y: torch.Tensor, margin: float,
                 weight: torch.Tensor | None = None) -> torch.Tensor:
    """Hinge on the teacher's logits against the asked labels y in {-1, 1}: a face already read as asked with this
    margin gets no push, so G is never rewarded for exaggerating an attribute. `weight`, one factor per attribute,
    scales each attribute's push."""
    hinge = F.relu(margin - y * logits)
    return (hinge if weight is None else hinge * weight).mean()


def teacher_weights(cfg: Config) -> torch.Tensor:
    """The per-attribute factors of cfg.teacher_attr_weight as a vector in y's order (1 for attributes not named)."""
    unknown = set(cfg.teacher_attr_weight) - set(ATTRIBUTE_NAMES)
    if unknown:
        raise ValueError(f"teacher_attr_weight names attributes not in y: {sorted(unknown)}")
    return torch.tensor([float(cfg.teacher_attr_weight.get(a, 1.0)) for a in ATTRIBUTE_NAMES])


@torch.no_grad()
def teacher_flips(G, teacher, z: torch.Tensor, y: torch.Tensor, batch: int = 128) -> dict[str, float]:
    """Per attribute, the share of faces G(z, y) that the teacher reads off (logit < 0) with that attribute at -1 and
    on (logit > 0) at +1, the rest of each row as in y. The teacher reads the faces as generated (no jitter), so the
    shares are deterministic and the call draws nothing from the random stream the training uses."""
    out = {}
    for j, a in enumerate(ATTRIBUTE_NAMES):
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


def lr_factor(cfg: Config, progress: float) -> float:
    """The learning rates' factor at this share of the stage: 1 until cfg.lr_decay_from, then linear to cfg.lr_final."""
    if progress <= cfg.lr_decay_from:
        return 1.0
    t = (progress - cfg.lr_decay_from) / (1.0 - cfg.lr_decay_from)
    return 1.0 + (cfg.lr_final - 1.0) * min(1.0, t)


def r1_penalty(D, real: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The mean squared norm of D's score gradient at the (augmented) real faces: R1 (Mescheder et al. 2018)."""
    real = real.detach().requires_grad_(True)
    score, _ = D(real, y)
    (grad,) = torch.autograd.grad(score.sum(), real, create_graph=True)
    return grad.pow(2).flatten(1).sum(1).mean()


@torch.no_grad()
def ema_step(G_ema, G, it: int, max_decay: float) -> None:
    """G_ema's weights move towards G's, with a decay that ramps up to max_decay over the first iterations."""
    decay = min(max_decay, (1 + it) / (10 + it))
    for pe, p in zip(G_ema.parameters(), G.parameters()):
        pe.lerp_(p, 1 - decay)


def train_gan(cfg: Config, data_path: Path, log=print) -> dict:
    seed_all(cfg.seed)
    dev = device()
    ckpt_path = cfg.work_dir / "gan.pt"
    train = Faces(data_path, ATTRIBUTE_NAMES, "train", cfg.max_images)
    G = make_generator(cfg).to(dev)
    D = Discriminator(len(ATTRIBUTE_NAMES), cfg.d_channels, cfg.d_aux_hidden).to(dev)
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
        log(f"gan: resumed at iteration {it} ({clock.spent:.0f}s spent)")
    if ck and ck.get("done"):
        return {"iterations": it, "seconds": clock.spent, "history": history, "selected": best}
    budget = Budget("gan", cfg.gan_iters, cfg.gan_max_minutes, clock, log)

    def checkpoint():
        save_atomic({"G": G.state_dict(), "D": D.state_dict(), "G_ema": G_ema.state_dict(), "opt_g": opt_g.state_dict(),
                     "opt_d": opt_d.state_dict(), "iter": it, "seconds": clock.total(), "history": history,
                     "random": random_state(), "best": best, "G_best": G_best, "done": it >= cfg.gan_iters,
                     "safety_stop": budget.safety_stop}, ckpt_path)

    teacher = load_teacher(cfg)
    if teacher is not None:
        teacher, w_teach = teacher.to(dev), teacher_weights(cfg).to(dev)
    # fixed probe faces for the snapshot choice, drawn from their own generator (rebuilt from the seed on resume), so
    # the scoring leaves the training's random stream alone
    g_probe = torch.Generator().manual_seed(cfg.seed + 11)
    z_probe = torch.randn(cfg.select_n, cfg.latent_size, generator=g_probe).to(dev)
    y_probe = train.y[torch.randint(0, len(train), (cfg.select_n,), generator=g_probe)].to(dev)

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
    last_r1 = None
    weights = balance_weights(train.y, cfg.balance)
    if ck:  # last, after everything the setup draws (the teacher's construction does), as at the checkpoint
        restore_random_state(ck, log, "gan")
    while budget.running(it):
        # real faces and the label rows of fakes come from the same (optionally balanced) distribution, so that a
        # label row alone never tells D real from fake
        idx = torch.multinomial(weights, b, replacement=True)
        real, y = flip(train.images[idx]).to(dev), train.y[idx].to(dev)
        y_fake = sample_y(train.y[torch.multinomial(weights, b, replacement=True)], cfg.flip_prob).to(dev)
        z = torch.randn(b, cfg.latent_size, device=dev)
        lr_now = lr_factor(cfg, budget.progress(it))
        for opt, lr in ((opt_g, cfg.lr_g), (opt_d, cfg.lr_d)):
            for group in opt.param_groups:
                group["lr"] = lr * lr_now
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
        if cfg.r1_gamma and it % cfg.r1_every == 0:  # lazy: every r1_every iterations, weighted to match
            loss_r1 = r1_penalty(D, augment(real), y)
            opt_d.zero_grad(set_to_none=True)
            (cfg.r1_gamma / 2 * cfg.r1_every * loss_r1).backward()
            opt_d.step()
            last_r1 = loss_r1.item()
        # generator: fool D and make D's classifier read the requested attributes
        z = torch.randn(b, cfg.latent_size, device=dev)
        fake = G(z, y_fake)
        s_fake, a_fake = D(augment(fake), y_fake)
        loss_g = -s_fake.mean()
        loss_aux_g = F.binary_cross_entropy_with_logits(a_fake, (y_fake + 1) / 2)
        w_aux = cfg.aux_weight_g_late if budget.progress(it) >= cfg.aux_late_after else cfg.aux_weight_g
        loss_teach = torch.zeros((), device=dev)
        if teacher is not None:
            loss_teach = teacher_loss(teacher(teacher_view(fake)), y_fake, cfg.teacher_margin, w_teach)
        opt_g.zero_grad(set_to_none=True)
        (loss_g + w_aux * loss_aux_g + cfg.teacher_weight * loss_teach).backward()
        opt_g.step()
        ema_step(G_ema, G, it, cfg.ema_decay)
        it += 1
        if it % 50 == 0 or it == 1:
            row = {"iter": it, "seconds": round(clock.total(), 1), "loss_d": round(loss_d.item(), 4),
                   "loss_g": round(loss_g.item(), 4), "aux_d": round(loss_aux_d.item(), 4),
                   "aux_g": round(loss_aux_g.item(), 4), "w_aux_g": w_aux,
                   "teach": round(loss_teach.item(), 4), "lr_factor": round(lr_now, 4)}
            if last_r1 is not None:
                row["r1"] = round(last_r1, 4)  # the latest lazy R1 term
            history.append(row)
            log("gan: " + json.dumps(row))
        if teacher is not None and it % cfg.select_every == 0 and budget.progress(it) >= cfg.select_after:
            consider_snapshot()
        if it % cfg.checkpoint_every == 0 and it < cfg.gan_iters:
            checkpoint()
            log(f"gan: checkpoint at iteration {it}")
    if teacher is not None and budget.progress(it) >= cfg.select_after and it % cfg.select_every:
        consider_snapshot()  # the last G_ema is always a candidate
    checkpoint()
    log(f"gan: {'stopped by the safety stop' if budget.safety_stop else 'finished'} at iteration {it} of "
        f"{cfg.gan_iters} after {clock.total():.0f}s" +
        (f"; ships the snapshot of iteration {best['iter']}" if best else ""))
    return {"iterations": it, "seconds": clock.total(), "history": history, "selected": best,
            "safety_stop": budget.safety_stop}


def load_generator(cfg: Config) -> Generator:
    """The G_ema snapshot the GAN stage chose (the last one when it chose none)."""
    ck = load(cfg.work_dir / "gan.pt")
    G = make_generator(cfg)
    G.load_state_dict(ck.get("G_best") or ck["G_ema"])
    return G.eval()
