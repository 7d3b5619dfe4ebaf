// The buffers that carry the live view's face region to the page. Each frame's bytes travel in one of them
// (transferred, not copied) and the page gives it back once drawn, so a drag reuses two or three buffers instead of
// making a new one per frame: the first writes into new memory are what a 640 px region costs most (new pages are
// mapped in one by one), far more than the blend that fills it. The first frames of a photo would still pay that, and
// they are a drag's first frames when a person starts dragging as the photo opens, so the spares are made and written
// once when the photo opens (fill()). Figures: bench/results/choices.md.

/** Spare buffers of one size: the open photo's face region at preview size. */
export class PatchBuffers {
  private spare: ArrayBuffer[] = [];

  constructor(
    private readonly bytes: number,
    private readonly keep = 3,
  ) {}

  /** A buffer of this size as bytes: a given-back one when there is one, else new. Owned by the caller. */
  take(): Uint8ClampedArray<ArrayBuffer> {
    return new Uint8ClampedArray(this.spare.pop() ?? new ArrayBuffer(this.bytes));
  }

  /** Makes spares up to the number kept, each written once now (so its memory is mapped before a frame needs it). */
  fill(): void {
    while (this.spare.length < this.keep) this.spare.push(new Uint8Array(this.bytes).fill(0).buffer);
  }

  /** Keeps `buffer` for a later take(); false (dropped) when its size differs (another photo's) or enough are kept. */
  give(buffer: ArrayBuffer): boolean {
    if (buffer.byteLength !== this.bytes || this.spare.length >= this.keep || this.spare.includes(buffer)) return false;
    this.spare.push(buffer);
    return true;
  }

  clear(): void {
    this.spare = [];
  }
}
