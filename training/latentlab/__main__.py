"""One entry point: `python3 -m latentlab [--smoke DIR] {all,data,evaluator,gan,encoder,export,evaluate}`."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import torch

from . import config


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="latentlab")
    ap.add_argument("stage", choices=["all", "data", "evaluator", "teacher", "gan", "encoder", "export", "evaluate"])
    ap.add_argument("--smoke", type=Path, help="tiny end-to-end run writing everything under this folder")
    ap.add_argument("--gan-minutes", type=float, help="override the GAN stage's wall-clock budget")
    args = ap.parse_args(argv)
    # Two cores here; LATENT_LAB_THREADS=1 lets two stages share them without oversubscription.
    torch.set_num_threads(int(os.environ.get("LATENT_LAB_THREADS", "2")))
    cfg = config.smoke(args.smoke) if args.smoke else config.Config()
    if args.gan_minutes is not None:
        cfg.gan_minutes = args.gan_minutes
    cfg.work_dir.mkdir(parents=True, exist_ok=True)
    log_file = open(cfg.work_dir / "log.txt", "a")

    def log(msg: str) -> None:
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    from .data import prepare
    from . import train

    stages = ["data", "evaluator", "teacher", "gan", "encoder", "export", "evaluate"] if args.stage == "all" else [args.stage]
    timings_path = cfg.work_dir / "timings.json"
    timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    data_path = None
    for stage in stages:
        t0 = time.time()
        log(f"== {stage} ({'cuda' if torch.cuda.is_available() else 'cpu'})")
        if stage == "data" or data_path is None:
            data_path = prepare(cfg.resolution, log)
        if stage == "evaluator":
            m = train.train_evaluator(cfg, data_path, log)
            log("evaluator AUC: " + json.dumps(m["auc"]))
        elif stage == "teacher":
            m = train.train_teacher(cfg, data_path, log)
            log("teacher AUC: " + json.dumps(m.get("auc", {})))
        elif stage == "gan":
            train.train_gan(cfg, data_path, log)
        elif stage == "encoder":
            train.train_encoder(cfg, data_path, log)
        elif stage == "export":
            from .export import export
            export(cfg, log)
        elif stage == "evaluate":
            from .evaluate import evaluate
            evaluate(cfg, data_path, log)
        timings[stage] = timings.get(stage, 0) + time.time() - t0
        timings_path.write_text(json.dumps(timings, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
