#!/usr/bin/env bash
# npm install when node_modules is missing or older than package-lock.json.
set -euo pipefail
stamp=node_modules/.lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # npm install, not npm ci: this npm writes locks without other platforms' optional packages, which npm ci then
  # rejects. install still follows the lock for everything it lists.
  # onnxruntime-node's CPU binary is inside its package; its install script would download more.
  ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
  echo "$want" > "$stamp"
fi
