// The app's Vite config plus bench/pages/photos.html, the page bench/drivers/photos.mjs and bench/drivers/identity.mjs drive: the photo
// benchmarks build it beside the app (`vite build --config build/benchPhotos.config.ts`), so they measure the same bundle.
import { resolve } from 'node:path';
import { mergeConfig } from 'vite';
import app from '../vite.config';

export default mergeConfig(app, {
  build: { rollupOptions: { input: { photos: resolve(import.meta.dirname, '../bench/pages/photos.html') } } },
});
