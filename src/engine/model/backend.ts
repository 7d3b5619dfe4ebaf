import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { EngineError, type BackendChoice, type BackendName } from '../protocol';

/** The slice of a WebGPU adapter we look at; typed here so the app needs no @webgpu/types. */
export interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: AdapterInfoLike;
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
}
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

export type WebGpuProbe =
  { kind: 'none' } | { kind: 'software'; description: string } | { kind: 'hardware'; description: string };

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/;

/**
 * Software adapters (SwiftShader, llvmpipe) emulate a GPU on the CPU and run the generator 20-70x slower than WASM,
 * so they count as "no WebGPU" for the automatic choice.
 */
export function isSoftwareAdapter(adapter: AdapterLike, info: AdapterInfoLike | undefined): boolean {
  if (adapter.isFallbackAdapter === true || info?.isFallbackAdapter === true) return true;
  const text = [info?.vendor, info?.architecture, info?.description, info?.device].join(' ').toLowerCase();
  return SOFTWARE.test(text);
}

export async function probeWebGpu(nav: { gpu?: unknown } = globalThis.navigator): Promise<WebGpuProbe> {
  const gpu = nav?.gpu as GpuLike | undefined;
  if (!gpu) return { kind: 'none' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { kind: 'none' };
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.());
    const description =
      [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
    return isSoftwareAdapter(adapter, info) ? { kind: 'software', description } : { kind: 'hardware', description };
  } catch {
    return { kind: 'none' };
  }
}

/** Candidates to time when no hardware WebGPU exists, in order of preference on a tie. */
export const MEASURED_CANDIDATES: readonly BackendName[] = ['webgl', 'wasm'];

export type GlProbe = 'none' | 'software' | 'hardware';

/** WebGL 2 in this context (page or worker), classified by its (unmasked) renderer string. */
export function probeWebGl(): GlProbe {
  try {
    if (typeof OffscreenCanvas === 'undefined') return 'none';
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return 'none';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE.test(renderer.toLowerCase()) ? 'software' : 'hardware';
  } catch {
    return 'none';
  }
}

/**
 * Backends worth timing when WebGPU is absent or emulated, fastest-first guess first. A software WebGL (SwiftShader,
 * llvmpipe) loses to WASM by an order of magnitude and its shader compile alone would blow the load budget, so it is
 * only a fallback for when WASM cannot start.
 */
export function autoCandidates(gl: GlProbe): BackendName[] {
  return gl === 'hardware' ? ['webgl', 'wasm'] : ['wasm'];
}

export function fallbacks(gl: GlProbe): BackendName[] {
  return gl === 'none' ? ['cpu'] : ['webgl', 'cpu'];
}

/** The fastest measured backend; `cpu` only when nothing else initialised. */
export function pickFastest(timings: Partial<Record<BackendName, number>>): BackendName {
  let best: BackendName = 'cpu';
  let bestMs = Infinity;
  for (const name of MEASURED_CANDIDATES) {
    const ms = timings[name];
    if (ms !== undefined && Number.isFinite(ms) && ms < bestMs) {
      best = name;
      bestMs = ms;
    }
  }
  return best;
}

/** Most WASM threads worth starting: each is a worker with its own stack, and XNNPACK's gains flatten past this. */
export const MAX_WASM_THREADS = 8;

/**
 * Threads for tfjs's WASM backend: half the logical cores (at most MAX_WASM_THREADS), tfjs's own default, when the
 * context is cross-origin isolated so the threaded build can run; 1 otherwise. On a 2-core machine two threads are
 * much slower than one, since the page's main thread and the engine worker already need both cores and the pool's
 * threads wait on each other (bench/results/choices.md). A larger count can still be asked for explicitly (the
 * benchmark's `?threads=`).
 */
export function wasmThreads(
  scope: { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } } = globalThis,
): number {
  if (scope.crossOriginIsolated !== true) return 1;
  const cores = Math.floor(scope.navigator?.hardwareConcurrency ?? 1);
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores / 2)));
}

/**
 * Makes `name` tfjs's backend; false when it cannot start here (not registered, no device, failed init). The WASM
 * thread count only takes effect on the backend's first start.
 */
export async function selectBackend(name: BackendName, threads = wasmThreads()): Promise<boolean> {
  try {
    if (name !== 'wasm' || threads <= 1) return await tf.setBackend(name);
    setThreadsCount(threads);
    return await withReportedCores(2 * threads, () => tf.setBackend(name));
  } catch {
    return false;
  }
}

/**
 * tfjs-backend-wasm 4.22 caps setThreadsCount at navigator.hardwareConcurrency / 2, read once as its module starts
 * (cc/backend.cc), so 2 cores give 1 thread whatever we ask. Reporting twice the wanted count while it starts lifts
 * that cap; the real value is back as soon as the backend is up.
 */
async function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const nav = globalThis.navigator as { hardwareConcurrency?: number } | undefined;
  if (!nav || Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency')) return start();
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  } catch {
    return start();
  }
  try {
    return await start();
  } finally {
    delete nav.hardwareConcurrency;
  }
}

/** The backend tfjs runs on now. */
export function currentBackend(): BackendName {
  return tf.getBackend() as BackendName;
}

/**
 * Selects the backend before the weights download, so they land where they will be used. For `auto`, returns the
 * contenders worth timing once the model is loaded (none when only one started); an explicit choice that cannot
 * start throws 'backend-unavailable'.
 */
export async function prepareBackend(choice: BackendChoice): Promise<BackendName[]> {
  if (choice !== 'auto') {
    if (await selectBackend(choice)) return [];
    throw new EngineError('backend-unavailable', `The ${choice} backend is not available in this browser.`);
  }
  const gl = probeWebGl();
  const plan = (await probeWebGpu()).kind === 'hardware' ? ['webgpu' as const] : autoCandidates(gl);
  const usable: BackendName[] = [];
  for (const name of plan) if (await selectBackend(name)) usable.push(name);
  if (usable.length === 0) {
    for (const name of fallbacks(gl)) if (await selectBackend(name)) break;
  }
  if (usable[0]) await selectBackend(usable[0]);
  return usable.length > 1 ? usable : [];
}

/**
 * Times one frame on each contender (`onTry` before each), keeps the fastest selected and returns the timings; a
 * contender whose frame throws counts as infinitely slow. Does nothing for fewer than two contenders.
 */
export async function keepFastest(
  contenders: readonly BackendName[],
  timeFrame: () => Promise<number>,
  onTry: (name: BackendName, index: number) => void,
): Promise<Partial<Record<BackendName, number>>> {
  const timings: Partial<Record<BackendName, number>> = {};
  if (contenders.length < 2) return timings;
  for (const [i, name] of contenders.entries()) {
    onTry(name, i);
    if (!(await selectBackend(name))) continue;
    try {
      timings[name] = await timeFrame();
    } catch {
      timings[name] = Infinity;
    }
  }
  await selectBackend(pickFastest(timings));
  return timings;
}

/**
 * face-api reads its results synchronously (dataSync, arraySync). On WebGPU tfjs does that through canvas contexts,
 * and in the worker the next asynchronous read then fails (mapAsync: "A valid external Instance reference no longer
 * exists"), so there the detector's weights and work live on the WASM backend: `work` runs with WASM selected, and
 * WebGPU is selected again after. The caller makes sure no other tensor work runs meanwhile (engine.worker.ts runs
 * detection in the queue with frames).
 */
export async function onDetectorBackend<T>(work: () => Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  if (previous !== 'webgpu' || !(await selectBackend('wasm'))) return work();
  try {
    return await work();
  } finally {
    await tf.setBackend(previous);
  }
}
