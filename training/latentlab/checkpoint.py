"""Checkpoints shared by every training stage: atomic saves, the random states a resumed stage needs to continue
exactly, the wall-clock time carried across resumes, and the safety stop that ends a stage early only by accident."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import numpy as np
import torch


def device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def save_atomic(obj, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    tmp.replace(path)


def load(path: Path):
    return torch.load(path, map_location="cpu") if path.exists() else None


def seed_all(seed: int) -> None:
    """Seeds every global random stream a stage may draw from."""
    torch.manual_seed(seed)
    np.random.seed(seed % 2**32)
    random.seed(seed)


def random_state() -> dict:
    """Every global random stream's state (torch CPU and CUDA, numpy, Python), for a checkpoint."""
    state = {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_random_state(ck: dict, log=print, tag: str = "") -> None:
    """Puts back the random states a checkpoint saved. Checkpoints from before every state was saved carry only torch's
    CPU state (key "rng") or none; the resumed stage then cannot follow the interrupted one exactly, and says so."""
    state = ck.get("random")
    if state is None:
        if "rng" in ck:
            torch.set_rng_state(ck["rng"])
        log(f"{tag}: this checkpoint predates saved random states; the resumed stage will not match an "
            "uninterrupted one")
        return
    torch.set_rng_state(state["torch"])
    np.random.set_state(state["numpy"])
    random.setstate(state["python"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


class Clock:
    """Wall-clock time spent in a stage, carried across resumes."""

    def __init__(self, spent: float = 0.0):
        self.spent, self.t0 = spent, time.time()

    def total(self) -> float:
        return self.spent + time.time() - self.t0


class Budget:
    """A stage's contract (its iteration count) and its safety stop (a wall-clock limit that only a much slower machine
    than intended should reach). `running(it)` says whether to do iteration it + 1; when the safety stop ends the stage
    early, it logs so loudly and `safety_stop` records where, for the checkpoint and the report."""

    def __init__(self, tag: str, iters: int, max_minutes: float, clock: Clock, log=print):
        self.tag, self.iters, self.max_minutes, self.clock, self.log = tag, iters, max_minutes, clock, log
        self.safety_stop: dict | None = None

    def progress(self, it: int) -> float:
        """The share of the stage's iterations done; schedules depend on this alone, never on time."""
        return it / self.iters

    def running(self, it: int) -> bool:
        if it >= self.iters:
            return False
        if self.clock.total() < self.max_minutes * 60:
            return True
        self.safety_stop = {"iteration": it, "iterations": self.iters, "max_minutes": self.max_minutes}
        banner = "!" * 100
        self.log(banner)
        self.log(f"{self.tag}: SAFETY STOP: the wall-clock limit of {self.max_minutes:g} min ended the stage at "
                 f"iteration {it} of {self.iters}. This is NOT the model the config describes; rerun the stage with a higher "
                 "limit to resume it where it stopped.")
        self.log(banner)
        return False


def open_log(work_dir: Path):
    """A log function that prints each line with the time and appends it to work_dir/log.txt."""
    work_dir.mkdir(parents=True, exist_ok=True)
    log_file = open(work_dir / "log.txt", "a")

    def log(msg: str) -> None:
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True, file=sys.stdout)
        log_file.write(line + "\n")
        log_file.flush()

    return log
