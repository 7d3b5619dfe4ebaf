#!/usr/bin/env bash
# The whole training pipeline on tiny networks (data -> evaluator -> GAN -> encoders -> export -> evaluation), then the
# Node parity test on what it exported, so the code that made the committed model keeps working.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/latentlab-smoke.XXXXXX)
trap 'rm -rf "$out"' EXIT
(cd training && /usr/bin/python3 -m latentlab selftest && /usr/bin/python3 -m latentlab all --smoke "$out")
test -f "$out/reports/celeba64.md" && test -f "$out/reports/celeba64-samples.png" && test -f "$out/model/manifest.json"
LATENT_LAB_PARITY_MODEL="$out/model" LATENT_LAB_PARITY_FIXTURE="$out/reports/celeba64-parity.json" \
  npx vitest run src/engine/faceModel.test.ts ${VITEST_JSON:+--reporter=default --reporter=json --outputFile="$VITEST_JSON"}
