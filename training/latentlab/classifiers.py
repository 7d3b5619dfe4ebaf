"""The two attribute classifiers of real faces, each trained in its own stage and frozen after: the evaluator, which
measures every figure of the report and is never a training loss, and G's teacher, which the GAN stage learns from."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .augment import flip, teacher_view
from .checkpoint import Clock, device, load, random_state, restore_random_state, save_atomic, seed_all
from .config import ATTRIBUTE_NAMES, Config
from .data import Faces
from .models import Evaluator, Teacher


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

    seed_all(cfg.seed)
    return train_classifier(cfg, data_path, Evaluator(len(ATTRIBUTE_NAMES), cfg.eval_channels),
                            cfg.work_dir / "evaluator.pt", cfg.eval_epochs, jitter, "evaluator", log)


def train_teacher(cfg: Config, data_path: Path, log=print) -> dict:
    if cfg.teacher_weight <= 0:
        log("teacher: not used (teacher_weight 0)")
        return {}
    seed_all(cfg.seed + 7)
    return train_classifier(cfg, data_path, Teacher(len(ATTRIBUTE_NAMES), cfg.teacher_channels),
                            cfg.work_dir / "teacher.pt", cfg.teacher_epochs, teacher_view, "teacher", log)


def train_classifier(cfg: Config, data_path: Path, net, ckpt_path: Path, epochs: int, aug, tag: str,
                     log=print) -> dict:
    """Attribute classifier on real training faces (validated on people never seen), checkpointed per epoch with its
    optimiser, learning-rate schedule and random states."""
    dev = device()
    ck = load(ckpt_path)
    if ck and ck.get("done"):
        log(f"{tag}: done already")
        return ck["metrics"]
    train = Faces(data_path, ATTRIBUTE_NAMES, "train", cfg.max_images)
    val = Faces(data_path, ATTRIBUTE_NAMES, "val", cfg.max_images // 4 if cfg.max_images else 0)
    net = net.to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    pos = (train.y > 0).float().mean(0)
    pos_weight = ((1 - pos) / pos.clamp(min=1e-3)).sqrt().to(dev)  # soften the class imbalance
    start, clock = 0, Clock()
    if ck:
        net.load_state_dict(ck["net"]), opt.load_state_dict(ck["opt"])
        start, clock = ck["epoch"], Clock(ck["seconds"])
        if "sched" in ck:
            sched.load_state_dict(ck["sched"])
        else:  # older checkpoints: the optimiser already holds this epoch's rate
            sched.last_epoch = start
        restore_random_state(ck, log, tag)
        log(f"{tag}: resumed at epoch {start}")
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
        metrics = evaluator_metrics(net, val, dev)
        save_atomic({"net": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "epoch": epoch + 1,
                     "seconds": clock.total(), "random": random_state()}, ckpt_path)
        log(f"{tag}: epoch {epoch + 1}/{epochs} loss {loss.item():.3f} "
            + " ".join(f"{k}={v:.3f}" for k, v in metrics["auc"].items()) + f" ({clock.total():.0f}s)")
    net.eval()
    metrics = evaluator_metrics(net, val, dev)
    metrics["seconds"] = clock.total()
    metrics["val_images"], metrics["train_images"] = len(val), len(train)
    metrics["val_people"] = int(len(set(val.persons.tolist())))
    metrics["train_people"] = int(len(set(train.persons.tolist())))
    metrics["shared_people"] = len(set(val.persons.tolist()) & set(train.persons.tolist()))
    save_atomic({"net": net.state_dict(), "done": True, "metrics": metrics}, ckpt_path)
    return metrics


@torch.no_grad()
def evaluator_metrics(net, val: Faces, dev) -> dict:
    """Validation AUC per attribute (threshold-free; the report picks its thresholds on validation faces)."""
    net.eval()
    logits = torch.cat([net(val.images[i : i + 256].to(dev)).cpu() for i in range(0, len(val), 256)])
    net.train()
    return {"auc": {a: auc(logits[:, j].numpy(), val.y[:, j].numpy()) for j, a in enumerate(ATTRIBUTE_NAMES)}}


def load_evaluator(cfg: Config) -> Evaluator:
    ck = load(cfg.work_dir / "evaluator.pt")
    net = Evaluator(len(ATTRIBUTE_NAMES), cfg.eval_channels)
    net.load_state_dict(ck["net"])
    return net.eval()


def load_teacher(cfg: Config) -> Teacher | None:
    """The frozen teacher (eval mode, no parameter gradients), or None when the config uses none. Its checkpoint must
    be finished."""
    if cfg.teacher_weight <= 0:
        return None
    ck = load(cfg.work_dir / "teacher.pt")
    if not (ck and ck.get("done")):
        raise RuntimeError("the GAN stage needs the teacher stage first: run `python3 -m latentlab teacher`")
    net = Teacher(len(ATTRIBUTE_NAMES), cfg.teacher_channels)
    net.load_state_dict(ck["net"])
    return net.eval().requires_grad_(False)
