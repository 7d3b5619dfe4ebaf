#!/usr/bin/env bash
# Rebuilds the face model from ../shared/datasets/celeba: data -> evaluator -> teacher -> GAN -> encoder -> export -> evaluation.
# Every stage runs a fixed number of iterations (config.py), checkpoints under ~/.cache/latent-lab/runs/full and
# resumes exactly; uses CUDA when present. Wall-clock limits are safety stops only (--gan-minutes, --enc-minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
cd training && exec /usr/bin/python3 -m latentlab all "$@"
