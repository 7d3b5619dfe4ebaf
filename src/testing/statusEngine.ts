// For store tests: the status side of an engine (the test pushes ready or error) and attribute specs, so each test's
// fake engine adds only the part it measures (frames, batches).
import type { EngineStatus } from '../engine/client/engineClient';
import type { Attribute } from '../latent/attributes';

export class StatusEngine {
  private listener: (s: EngineStatus) => void = () => {};
  load(): void {}
  render(): void {}
  onStatus(listener: (s: EngineStatus) => void): () => void {
    this.listener = listener;
    return () => {};
  }
  push(status: EngineStatus): void {
    this.listener(status);
  }
}

/** Attributes named `names`, each over [-2, 2] with off -1 and on 1 (the face model's scale), starting off. */
export function testAttributes(names: readonly string[]): Attribute[] {
  return names.map((name) => ({ name, label: name, min: -2, max: 2, default: -1, off: -1, on: 1 }));
}
