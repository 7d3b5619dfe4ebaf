// Fake-camera videos for Chromium's `--use-file-for-fake-video-capture=FILE.y4m`, made from the public-domain NASA
// portrait e2e/assets/astronaut.jpg (e2e/assets/README.md), with no ffmpeg: the JPEG is decoded with the jpeg-js that
// Playwright bundles, and the frames are written as YUV4MPEG2 (640 x 480, 15 fps, 4:2:0, BT.601 full range).
// - camera-still.y4m: 30 frames (2 s), the portrait not moving; only the camera noise changes between frames.
// - camera-moving.y4m: 60 frames (4 s), the head drifting and tilting smoothly, looping seamlessly.
// Each frame is the portrait scaled to 480 px high and centred (bilinear sampling through the inverse of a similarity
// transform; outside the portrait the nearest edge pixel, so no black bars), plus Gaussian-like camera noise
// (Irwin-Hall) of standard deviation 1.5 levels per channel from a seeded PRNG, so every run writes the same bytes.
// A file that exists with the right size is kept unless --force is given (the e2e tests call this every run).
// Usage: node scripts/fake-camera.mjs [--out DIR] [--force]   (DIR: default e2e/.cache; created if missing)
// Import: `import { makeFakeCameraVideos } from './scripts/fake-camera.mjs'`; `await makeFakeCameraVideos(dir)`
//         returns { still, moving }, the videos' absolute paths.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from '../bench/lib/mulberry32.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORTRAIT = resolve(ROOT, 'e2e/assets/astronaut.jpg');
const DEFAULT_OUT = resolve(ROOT, 'e2e/.cache');

const W = 640;
const H = 480;
const FPS = 15;
const NOISE_SD = 1.5;
const header = (fps) => `YUV4MPEG2 W${W} H${H} F${fps}:1 Ip A1:1 C420jpeg\n`;
const FRAME_TAG = 'FRAME\n';
const FRAME_BYTES = FRAME_TAG.length + W * H + 2 * (W / 2) * (H / 2);

/** The expected size of a video of `frames` frames. */
const videoBytes = (frames, fps = FPS) => header(fps).length + frames * FRAME_BYTES;


// Sum of the four bytes of a uniform uint32: mean 4 * 127.5, variance 4 * (256^2 - 1) / 12.
const BYTE_SUM_MEAN = 510;
const BYTE_SUM_SD = Math.sqrt((4 * (256 * 256 - 1)) / 12);

/**
 * Fills `out` with Gaussian-like samples (mean 0, standard deviation `sd`): each is the sum of the four bytes of one
 * PRNG draw (Irwin-Hall of 4, bell-shaped within +-3.5 sd), rescaled. No logarithms or trigonometry: several times
 * faster than Box-Muller, which made most of the run time.
 */
function fillGaussian(out, next, sd) {
  const k = sd / BYTE_SUM_SD;
  for (let i = 0; i < out.length; i++) {
    const r = next();
    out[i] = ((r & 255) + ((r >>> 8) & 255) + ((r >>> 16) & 255) + (r >>> 24) - BYTE_SUM_MEAN) * k;
  }
}

/** The portrait as interleaved RGB floats (3 per pixel). */
function loadPortrait() {
  // Loaded here, not at the top: Playwright's bundle takes a while to load, and most runs only keep the files.
  const { jpegjs } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle');
  const { width, height, data } = jpegjs.decode(readFileSync(PORTRAIT), { useTArray: true });
  const rgb = new Float32Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    rgb[i * 3] = data[j];
    rgb[i * 3 + 1] = data[j + 1];
    rgb[i * 3 + 2] = data[j + 2];
  }
  return { width, height, rgb };
}

/**
 * Samples the portrait into `out` (W x H interleaved RGB floats): scaled to H px high and centred, then rotated by
 * `deg` degrees about the frame centre and moved by (tx, ty) px. Each output pixel centre is mapped back through the
 * inverse transform; source coordinates are clamped to the portrait, so the edges repeat instead of black bars.
 */
function renderBase(portrait, out, { tx = 0, ty = 0, deg = 0 } = {}) {
  const { width: sw, height: sh, rgb } = portrait;
  const scale = H / sh;
  const theta = (deg * Math.PI) / 180;
  // p_src = c_src + R(-theta) (p_out - c_frame - t) / scale, in pixel-centre coordinates (centre of pixel i is i + 0.5).
  const cos = Math.cos(theta) / scale;
  const sin = Math.sin(theta) / scale;
  const cx = W / 2 + tx;
  const cy = H / 2 + ty;
  const maxX = sw - 1;
  const maxY = sh - 1;
  let o = 0;
  for (let y = 0; y < H; y++) {
    const dy = y + 0.5 - cy;
    for (let x = 0; x < W; x++) {
      const dx = x + 0.5 - cx;
      let u = sw / 2 + cos * dx + sin * dy - 0.5;
      let v = sh / 2 - sin * dx + cos * dy - 0.5;
      u = u < 0 ? 0 : u > maxX ? maxX : u;
      v = v < 0 ? 0 : v > maxY ? maxY : v;
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const x1 = x0 < maxX ? x0 + 1 : x0;
      const y1 = y0 < maxY ? y0 + 1 : y0;
      const fx = u - x0;
      const fy = v - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const i00 = (y0 * sw + x0) * 3;
      const i10 = (y0 * sw + x1) * 3;
      const i01 = (y1 * sw + x0) * 3;
      const i11 = (y1 * sw + x1) * 3;
      for (let c = 0; c < 3; c++) {
        out[o + c] = w00 * rgb[i00 + c] + w10 * rgb[i10 + c] + w01 * rgb[i01 + c] + w11 * rgb[i11 + c];
      }
      o += 3;
    }
  }
}

/**
 * Encodes one frame into `frame` (FRAME tag, then Y, U, V planes): adds the noise to the base RGB, clamps to 0..255,
 * and converts with BT.601 full range (JPEG's YCbCr); chroma is the average over each 2 x 2 block.
 */
function encodeFrame(base, noise, frame) {
  frame.write(FRAME_TAG, 0, 'latin1');
  const yOff = FRAME_TAG.length;
  const uOff = yOff + W * H;
  const vOff = uOff + (W / 2) * (H / 2);
  for (let cy = 0; cy < H / 2; cy++) {
    for (let cx = 0; cx < W / 2; cx++) {
      let uSum = 0;
      let vSum = 0;
      for (let k = 0; k < 4; k++) {
        const x = cx * 2 + (k & 1);
        const y = cy * 2 + (k >> 1);
        const p = y * W + x;
        const i = p * 3;
        let r = base[i] + noise[i];
        let g = base[i + 1] + noise[i + 1];
        let b = base[i + 2] + noise[i + 2];
        r = r < 0 ? 0 : r > 255 ? 255 : r;
        g = g < 0 ? 0 : g > 255 ? 255 : g;
        b = b < 0 ? 0 : b > 255 ? 255 : b;
        frame[yOff + p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        uSum += -0.168736 * r - 0.331264 * g + 0.5 * b;
        vSum += 0.5 * r - 0.418688 * g - 0.081312 * b;
      }
      const c = cy * (W / 2) + cx;
      const u = Math.round(128 + uSum / 4);
      const v = Math.round(128 + vSum / 4);
      frame[uOff + c] = u < 0 ? 0 : u > 255 ? 255 : u;
      frame[vOff + c] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

/**
 * Writes a video of `frames` frames to `path` (through a temporary file, renamed into place, so a concurrent reader
 * never sees half a file). `poseAt(t)` gives frame t's { tx, ty, deg }, or null when the pose never changes.
 */
function writeVideo(path, portrait, frames, fps, poseAt, seed) {
  const base = new Float32Array(W * H * 3);
  const noise = new Float32Array(W * H * 3);
  const frame = Buffer.alloc(FRAME_BYTES);
  const next = mulberry32(seed);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, header(fps), null, 'latin1');
    if (!poseAt) renderBase(portrait, base);
    for (let t = 0; t < frames; t++) {
      if (poseAt) renderBase(portrait, base, poseAt(t));
      fillGaussian(noise, next, NOISE_SD);
      encodeFrame(base, noise, frame);
      writeSync(fd, frame, 0, frame.length);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const STILL_FRAMES = 30;
const MOVING_FRAMES = 60;

/**
 * The moving video's pose at frame t of a period of `period` frames (4 s at its frame rate), so frame `period` would
 * be frame 0 again (a seamless loop).
 */
const movingPose = (period) => (t) => {
  const a = (2 * Math.PI * t) / period;
  return { tx: 14 * Math.sin(a), ty: 6 * Math.sin(2 * a), deg: 3 * Math.sin(a + 1) };
};

/**
 * Makes (or keeps, when they exist with the right size) the two fake-camera videos in `outDir` (created if missing).
 * Returns { still, moving }, their absolute paths.
 */
export async function makeFakeCameraVideos(
  outDir = DEFAULT_OUT,
  { force = false, log = console.log, fast = false } = {},
) {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const videos = [
    { key: 'still', name: 'camera-still.y4m', frames: STILL_FRAMES, fps: FPS, poseAt: null, seed: 0x5eed0001 },
    {
      key: 'moving',
      name: 'camera-moving.y4m',
      frames: MOVING_FRAMES,
      fps: FPS,
      poseAt: movingPose(MOVING_FRAMES),
      seed: 0x5eed0002,
    },
  ];
  // With `fast`: the same motion from a 30 fps camera (120 frames), to show what the mirror does beyond 15 fps.
  if (fast) {
    const frames = 2 * MOVING_FRAMES;
    videos.push({ key: 'fast', name: 'camera-moving-30fps.y4m', frames, fps: 30, poseAt: movingPose(frames), seed: 3 });
  }
  let portrait = null;
  const paths = {};
  for (const { key, name, frames, fps, poseAt, seed } of videos) {
    const path = resolve(dir, name);
    const bytes = videoBytes(frames, fps);
    paths[key] = path;
    if (!force && existsSync(path) && statSync(path).size === bytes) {
      log(`fake-camera: kept ${path} (${frames} frames, ${bytes} bytes)`);
      continue;
    }
    const start = performance.now();
    portrait ??= loadPortrait();
    writeVideo(path, portrait, frames, fps, poseAt, seed);
    const ms = Math.round(performance.now() - start);
    log(`fake-camera: wrote ${path} (${frames} frames, ${bytes} bytes, ${ms} ms)`);
  }
  return paths;
}

async function main(argv) {
  let out = DEFAULT_OUT;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') force = true;
    else if (a === '--out' && i + 1 < argv.length) out = resolve(argv[++i]);
    else if (a.startsWith('--out=')) out = resolve(a.slice('--out='.length));
    else if (a === '--help' || a === '-h') {
      console.log('Usage: node scripts/fake-camera.mjs [--out DIR] [--force]   (DIR: default e2e/.cache)');
      return;
    } else throw new Error(`fake-camera: unknown argument ${a} (usage: [--out DIR] [--force])`);
  }
  await makeFakeCameraVideos(out, { force });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
