// A garment picture being framed by the engine: it replaces the open photo only once a garment is framed in it, so a
// refused picture (a face photo, or no garment standing out from a plain background) changes nothing on screen.
import type { PhotoEvent } from '../../engine/protocol';
import type { EditorStore, PhotoState } from '../editor/editorStore';

export class PendingPhoto {
  private next: PhotoState | null = null;

  constructor(private readonly store: EditorStore) {}

  /** Waits for job `next.job` to frame `next`, replacing any picture still waiting. */
  start(next: PhotoState): void {
    this.drop();
    this.next = next;
    this.store.setState({ notice: { kind: 'info', text: `Looking for a garment in ${next.name}…` } });
  }

  /**
   * Settles the waiting picture with `event` of its job: framed, it becomes the open photo (the old one's URL and crop
   * freed); refused, its message goes to the notice and the open photo stays. False when `event` is not about it.
   */
  settle(event: PhotoEvent): boolean {
    const next = this.next;
    if (!next || event.id !== next.job) return false;
    this.next = null;
    const { getState, setState } = this.store;
    if (event.type !== 'photo-aligned') {
      URL.revokeObjectURL(next.url);
      const text = event.type === 'photo-error' ? `${next.name}: ${event.message}` : null;
      setState({ notice: text ? { kind: 'error', text } : null });
      return true;
    }
    const old = getState().photo;
    if (old) {
      URL.revokeObjectURL(old.url);
      old.crop?.close();
    }
    const { crop, width, height, garment } = event;
    const framed: PhotoState = { ...next, phase: 'refining', crop, width, height, ...(garment ? { garment } : {}) };
    setState({ notice: null, photo: framed });
    return true;
  }

  /** Forgets the waiting picture (its URL revoked); whether there was one. */
  drop(): boolean {
    if (!this.next) return false;
    URL.revokeObjectURL(this.next.url);
    this.next = null;
    return true;
  }
}
