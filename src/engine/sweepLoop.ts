// The worker's background work for an open photo once refinement is over: the sliders' sweeps (sliderSweeps.ts),
// one generator pass at a time, in turn with live frames (FrameTurns: never while a slider is being dragged).
// Only on the CPU backends, where one pass takes longer than a display frame; a GPU draws the exact frame in time.
import { currentBackend } from './backend';
import type { FrameTurns } from './frameTurns';
import { nextTask } from './invert';
import type { PhotoEdit } from './photoEdit';

const SLOW_BACKENDS = new Set(['wasm', 'cpu']);

/** Whether sweeps pay off on the backend in use: a CPU one. PhotoEdit's sweeps keep and serve nothing elsewhere. */
export function sweepsPayOff(): boolean {
  return SLOW_BACKENDS.has(currentBackend());
}

/** Builds `edit`'s sweeps while `open()` says it is still the open photo's edit; returns when it no longer is. */
export async function buildSweeps(edit: PhotoEdit, turns: FrameTurns, open: () => boolean): Promise<void> {
  if (!sweepsPayOff()) return;
  while (open()) {
    await turns.quiet();
    if (!open()) return;
    // One pass, made and read back synchronously: no tensor of it is alive while a frame or a memory probe runs.
    if (edit.buildSweep()) await nextTask();
    else await edit.sweepWanted();
  }
}
