#!/usr/bin/env bash
# Installs what npm cannot: Debian's Chromium (Playwright drives it; it never downloads a browser), Debian's
# PyTorch for the training pipeline and Debian's Fashion-MNIST for the second model. Idempotent: installs only what is missing.
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import torch, numpy, PIL" >/dev/null 2>&1 || need+=(python3-torch python3-numpy python3-pil)
# Fashion-MNIST for the second model (training/latentlab/fashion): Debian's package holds the idx files.
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
