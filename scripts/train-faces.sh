#!/usr/bin/env bash
# Rebuilds the face model from ../shared/datasets/celeba: data -> evaluator -> GAN -> encoders -> export -> evaluation.
# Every stage checkpoints under ~/.cache/latent-lab/runs/full and resumes; uses CUDA when present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
cd training && exec /usr/bin/python3 -m latentlab all "$@"
