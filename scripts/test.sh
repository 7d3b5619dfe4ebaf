#!/usr/bin/env bash
# Every test: typecheck, lint, formatting (Prettier), unit tests (Vitest, incl. PyTorch parity of the shipped model),
# the training pipeline's smoke run with parity, a production build, and end-to-end tests in Debian's Chromium
# (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/npm-deps.sh
results=$(mktemp -d /tmp/latentlab-results.XXXXXX)
npm run typecheck
npm run lint
npm run format:check
npx vitest run --reporter=default --reporter=json --outputFile="$results/unit.json"
VITEST_JSON="$results/smoke.json" bash scripts/training-smoke.sh
npm run build
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
node scripts/summarise-tests.mjs "$results"
