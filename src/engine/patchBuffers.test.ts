import { describe, expect, it } from 'vitest';
import { PatchBuffers } from './patchBuffers';

describe('PatchBuffers', () => {
  it('hands back a given-back buffer instead of a new one', () => {
    const buffers = new PatchBuffers(16);
    const first = buffers.take();
    expect(first.byteLength).toBe(16);
    expect(buffers.give(first.buffer)).toBe(true);
    expect(buffers.take().buffer).toBe(first.buffer);
    expect(buffers.take().buffer).not.toBe(first.buffer); // none left: a new one
  });

  it("drops another size's buffers, a buffer given twice, and more than it keeps", () => {
    const buffers = new PatchBuffers(16, 2);
    expect(buffers.give(new ArrayBuffer(32))).toBe(false);
    const a = new ArrayBuffer(16);
    expect(buffers.give(a)).toBe(true);
    expect(buffers.give(a)).toBe(false);
    expect(buffers.give(new ArrayBuffer(16))).toBe(true);
    expect(buffers.give(new ArrayBuffer(16))).toBe(false);
    buffers.clear();
    expect(buffers.take().buffer).not.toBe(a);
  });
});
