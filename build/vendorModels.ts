// Serves face-api's networks (their weights ship inside its npm package) from our own origin at /models/face-api/:
// copied into the build, and answered from node_modules by the dev and preview servers. Weights files larger than
// SHARD_BYTES (the SSD detector and the recognition net) are split into shards and their manifests rewritten to name
// them, so that every served file stays under 4 MiB.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

const DIR = resolve(import.meta.dirname, '../node_modules/@vladmandic/face-api/model');
/** The networks served: detectors and landmarks (the app), recognition (identity figures in bench/). */
export const FACE_API_NETS = [
  'tiny_face_detector_model',
  'ssd_mobilenetv1_model',
  'face_landmark_68_model',
  'face_recognition_model',
] as const;
export const SHARD_BYTES = 3 * 2 ** 20;
const PREFIX = '/models/face-api/';

interface Group {
  paths: string[];
  weights: unknown[];
}

/** Every served file by name: each net's manifest (`<net>-weights_manifest.json`) and its weights, sharded. */
export function faceApiFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const net of FACE_API_NETS) {
    const groups = JSON.parse(readFileSync(resolve(DIR, `${net}-weights_manifest.json`), 'utf8')) as Group[];
    groups.forEach((group, g) => {
      // A group's paths are one byte stream, cut anywhere: tfjs concatenates them before decoding.
      const data = Buffer.concat(group.paths.map((p) => readFileSync(resolve(DIR, p))));
      const count = Math.ceil(data.length / SHARD_BYTES);
      if (count <= 1 && group.paths.length === 1) {
        files.set(group.paths[0] as string, data);
        return;
      }
      const tag = groups.length > 1 ? `-group${g + 1}` : '';
      group.paths = Array.from({ length: count }, (_, i) => {
        const name = `${net}${tag}-shard${i + 1}of${count}.bin`;
        files.set(name, data.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
        return name;
      });
    });
    files.set(`${net}-weights_manifest.json`, Buffer.from(JSON.stringify(groups)));
  }
  return files;
}

export function faceApiModels(): Plugin {
  let files: Map<string, Buffer> | null = null;
  const served = () => (files ??= faceApiFiles());
  const middleware = (req: { url?: string }, res: ServerResponse, next: () => void) => {
    const name = req.url?.split('?')[0]?.split(PREFIX)[1];
    const body = name ? served().get(name) : undefined;
    if (!name || !body) return next();
    res.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.end(body);
  };
  return {
    name: 'latent-lab-face-api-models',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      for (const [name, source] of served())
        this.emitFile({ type: 'asset', fileName: `models/face-api/${name}`, source });
    },
  };
}
