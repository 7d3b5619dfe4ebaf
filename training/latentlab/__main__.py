"""One entry point, run from training/:

    python3 -m latentlab [--smoke DIR] [--config full|long] [--gan-minutes M] [--enc-minutes M] STAGE
        STAGE: all, data, evaluator, teacher, gan, encoder, export or evaluate
    python3 -m latentlab selftest
    python3 -m latentlab compare [--faces N] [--seed S] MODEL_DIR...
    python3 -m latentlab prior [MANIFEST]
    python3 -m latentlab fashion [--smoke DIR] STAGE   (the Fashion-MNIST model; see fashion/cli.py)
The studies are not sub-commands: each runs as its own module, python3 -m latentlab.studies.<name> (see studies/).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import torch

from . import config
from .checkpoint import open_log

STAGES = ["data", "evaluator", "teacher", "gan", "encoder", "export", "evaluate"]


def tool(name: str, argv: list[str]) -> int:
    """The sub-commands that are tools beside the pipeline, each its own module with its own arguments."""
    if name == "selftest":
        from .selftest import main as run
        return run()
    if name == "fashion":
        from .fashion.cli import main as run
        return run(argv)
    if name == "prior":
        from .prior import main as run
        return run(argv)
    from .compare import main as run
    return run(argv)


def stage_args(prog: str, stages: list[str], argv: list[str], configs: tuple[str, ...] = ()) -> argparse.Namespace:
    """A pipeline's command line: STAGE (or all), --smoke DIR and the safety-stop overrides. Sets torch's threads."""
    ap = argparse.ArgumentParser(prog=prog)
    ap.add_argument("stage", choices=["all", *stages])
    ap.add_argument("--smoke", type=Path, help="tiny end-to-end run writing everything under this folder")
    if configs:
        ap.add_argument("--config", choices=configs, default=configs[0],
                        help="full: the shipped model's recipe; long: issue 30's longer run (config.long)")
    ap.add_argument("--gan-minutes", type=float, help="override the GAN stage's wall-clock safety stop")
    ap.add_argument("--enc-minutes", type=float, help="override the encoder stage's wall-clock safety stop")
    args = ap.parse_args(argv)
    # Two cores here; LATENT_LAB_THREADS=1 lets two stages share them without oversubscription.
    torch.set_num_threads(int(os.environ.get("LATENT_LAB_THREADS", "2")))
    return args


def with_limits(cfg, args: argparse.Namespace):
    if args.gan_minutes is not None:
        cfg.gan_max_minutes = args.gan_minutes
    if args.enc_minutes is not None:
        cfg.enc_max_minutes = args.enc_minutes
    return cfg


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("selftest", "compare", "prior", "fashion"):
        return tool(argv[0], argv[1:])
    args = stage_args("latentlab", STAGES, argv, configs=("full", "long"))
    base = config.long() if args.config == "long" else config.Config()
    cfg = with_limits(config.smoke(args.smoke) if args.smoke else base, args)
    log = open_log(cfg.work_dir)

    from .classifiers import train_evaluator, train_teacher
    from .data import prepare
    from .encoder import train_encoder
    from .gan import train_gan

    stages = STAGES if args.stage == "all" else [args.stage]
    timings_path = cfg.work_dir / "timings.json"
    timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    data_path = None
    for stage in stages:
        t0 = time.time()
        log(f"== {stage} ({'cuda' if torch.cuda.is_available() else 'cpu'})")
        if stage == "data" or data_path is None:
            data_path = prepare(cfg.resolution, log, with_crops=cfg.with_crops)
        if stage == "evaluator":
            m = train_evaluator(cfg, data_path, log)
            log("evaluator AUC: " + json.dumps(m["auc"]))
        elif stage == "teacher":
            m = train_teacher(cfg, data_path, log)
            log("teacher AUC: " + json.dumps(m.get("auc", {})))
        elif stage == "gan":
            train_gan(cfg, data_path, log)
        elif stage == "encoder":
            train_encoder(cfg, data_path, log)
        elif stage == "export":
            from .export import export
            export(cfg, log, data_path)
        elif stage == "evaluate":
            from .evaluate import evaluate
            evaluate(cfg, data_path, log)
        timings[stage] = timings.get(stage, 0) + time.time() - t0
        timings_path.write_text(json.dumps(timings, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
