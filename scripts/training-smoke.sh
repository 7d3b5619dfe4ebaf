#!/usr/bin/env bash
# The whole training pipeline on tiny networks (data -> evaluator -> GAN -> encoders -> export -> evaluation), then the
# Node parity test on what it exported, so the code that made the committed model keeps working; the same for the
# Fashion-MNIST model (training/latentlab/fashion).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"  # see train-fashion.sh
out=$(mktemp -d /tmp/latentlab-smoke.XXXXXX)
trap 'rm -rf "$out"' EXIT
(cd training && /usr/bin/python3 -m latentlab selftest && /usr/bin/python3 -m latentlab all --smoke "$out")
test -f "$out/reports/celeba64.md" && test -f "$out/reports/celeba64-samples.png" && test -f "$out/model/manifest.json"
# The Fashion-MNIST model's pipeline on tiny networks, from Debian's dataset-fashion-mnist.
(cd training && /usr/bin/python3 -m latentlab fashion all --smoke "$out/fashion")
test -f "$out/fashion/reports/fashion32.md" && test -f "$out/fashion/reports/fashion32-samples.png" \
  && test -f "$out/fashion/model/manifest.json"
LATENT_LAB_PARITY_MODEL="$out/model" LATENT_LAB_PARITY_FIXTURE="$out/reports/celeba64-parity.json" \
  LATENT_LAB_FASHION_MODEL="$out/fashion/model" LATENT_LAB_FASHION_FIXTURE="$out/fashion/reports/fashion32-parity.json" \
  npx vitest run src/engine/model/ganModel.test.ts src/engine/model/fashionModel.test.ts \
  ${VITEST_JSON:+--reporter=default --reporter=json --outputFile="$VITEST_JSON"}
