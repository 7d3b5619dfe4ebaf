"""`python3 -m latentlab fashion [--smoke DIR] [--gan-minutes M] [--enc-minutes M] STAGE`, run from training/.

STAGE: all, classifier, gan, encoder, export, samples (real test images beside the model) or evaluate. Every stage
checkpoints under ~/.cache/latent-lab/fashion/full (or DIR/work) and resumes where it stopped; a finished stage is
skipped. Uses CUDA when present."""
from __future__ import annotations

import json
import time

import torch

from ..__main__ import stage_args, with_limits
from ..checkpoint import open_log
from .config import FashionConfig, smoke

STAGES = ["classifier", "gan", "encoder", "export", "samples", "evaluate"]


def main(argv: list[str]) -> int:
    args = stage_args("latentlab fashion", STAGES, argv)
    cfg = with_limits(smoke(args.smoke) if args.smoke else FashionConfig(), args)
    log = open_log(cfg.work_dir)

    from .stages import train_classifier, train_encoder, train_gan

    timings_path = cfg.work_dir / "timings.json"
    for stage in STAGES if args.stage == "all" else [args.stage]:
        t0 = time.time()
        log(f"== fashion {stage} ({'cuda' if torch.cuda.is_available() else 'cpu'})")
        if stage == "classifier":
            m = train_classifier(cfg, log)
            log(f"classifier: test accuracy {m['test_accuracy']:.4f}")
        elif stage == "gan":
            train_gan(cfg, log)
        elif stage == "encoder":
            train_encoder(cfg, log)
        elif stage == "export":
            from .export import export
            export(cfg, log)
        elif stage == "samples":
            from .samples import write_samples
            write_samples(cfg, log)
        elif stage == "evaluate":
            from .evaluate import evaluate
            evaluate(cfg, log)
        # read again: stages run as separate processes at the same time (the classifier beside the GAN) share the file
        timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
        timings[stage] = timings.get(stage, 0) + time.time() - t0
        timings_path.write_text(json.dumps(timings, indent=1))
    return 0
