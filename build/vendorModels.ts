// Serves face-api's detector and landmark weights (shipped inside its npm package) from our own origin at
// /models/face-api/: copied into the build, and answered from node_modules by the dev and preview servers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

const DIR = resolve(import.meta.dirname, '../node_modules/@vladmandic/face-api/model');
export const FACE_API_FILES = [
  'tiny_face_detector_model-weights_manifest.json',
  'tiny_face_detector_model.bin',
  'face_landmark_68_model-weights_manifest.json',
  'face_landmark_68_model.bin',
];
const PREFIX = '/models/face-api/';

export function faceApiModels(): Plugin {
  const serve = (url: string | undefined) => {
    const name = url?.split('?')[0]?.split(PREFIX)[1];
    return name && FACE_API_FILES.includes(name) ? name : null;
  };
  const middleware = (req: { url?: string }, res: ServerResponse, next: () => void) => {
    const name = serve(req.url);
    if (!name) return next();
    res.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.end(readFileSync(resolve(DIR, name)));
  };
  return {
    name: 'latent-lab-face-api-models',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      for (const name of FACE_API_FILES) {
        this.emitFile({ type: 'asset', fileName: `models/face-api/${name}`, source: readFileSync(resolve(DIR, name)) });
      }
    },
  };
}
