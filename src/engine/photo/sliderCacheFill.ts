// The worker's background work for an open photo once refinement is over: the slider cache (sliderCache.ts),
// one generator pass at a time, in the queue with live frames (FramePriority: never while a slider is being dragged).
// Only on the CPU backends, where one pass takes longer than a display frame; a GPU draws the exact frame in time.
import { currentBackend } from '../model/backend';
import type { FramePriority } from '../worker/scheduler';
import { nextTask } from '../worker/scheduler';
import type { PhotoEdit } from './photoEdit';

const SLOW_BACKENDS = new Set(['wasm', 'cpu']);

/** Whether the slider cache pays off on the backend in use: a CPU one. PhotoEdit's cache keeps and serve nothing elsewhere. */
export function sliderCachePays(): boolean {
  return SLOW_BACKENDS.has(currentBackend());
}

/** Fills `edit`'s slider cache while `open()` says it is still the open photo's edit; returns when it no longer is. */
export async function fillSliderCache(edit: PhotoEdit, priority: FramePriority, open: () => boolean): Promise<void> {
  if (!sliderCachePays()) return;
  while (open()) {
    await priority.quiet();
    if (!open()) return;
    // One pass, made and read back synchronously: no tensor of it is alive while a frame or a memory probe runs.
    if (edit.fillCache()) await nextTask();
    else await edit.cacheWanted();
  }
}
