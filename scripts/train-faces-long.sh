#!/usr/bin/env bash
# Issue 30's longer face-model run (training/latentlab/config.py: long), from a fresh clone, resuming wherever it
# stopped: every step below skips what is done and every stage checkpoints.
#   1. the app's detector finds landmarks in the 16,050 head crops (scripts/align-crops.ts; ~45 min of one core);
#   2. the shipped run's evaluator (~7 min), copied so that both models are measured by the same network;
#   3. data (aligned faces + aligned crops, ~5 min), teacher (~10 min), GAN (30,000 iterations: ~1.0-1.4 s each on
#      one core of the 2-core machine, so about 10 hours), encoder, export to public/models/celeba64-long and the
#      evaluation report in training/reports/long.
# LATENT_LAB_THREADS (default 1 here) leaves the other core for work beside it. Uses CUDA when present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/npm-deps.sh
export LATENT_LAB_THREADS="${LATENT_LAB_THREADS:-1}"
cache="${LATENT_LAB_CACHE:-$HOME/.cache/latent-lab}"
npx vite-node scripts/align-crops.ts
if [ ! -f "$cache/runs/long/evaluator.pt" ]; then
  (cd training && /usr/bin/python3 -m latentlab evaluator)
  mkdir -p "$cache/runs/long"
  cp "$cache/runs/full/evaluator.pt" "$cache/runs/long/evaluator.pt"
fi
cd training && exec /usr/bin/python3 -m latentlab --config long all "$@"
