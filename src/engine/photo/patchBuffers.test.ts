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

  it('makes its spares up front when filled, as many as it keeps', () => {
    const buffers = new PatchBuffers(16, 2);
    buffers.fill();
    expect(buffers.give(new ArrayBuffer(16))).toBe(false); // already full
    const [a, b] = [buffers.take(), buffers.take()];
    expect([a.byteLength, b.byteLength]).toEqual([16, 16]);
    expect(a.buffer).not.toBe(b.buffer);
    buffers.give(a.buffer);
    buffers.fill(); // one made: full again
    expect(buffers.give(b.buffer)).toBe(false);
    expect(buffers.take().buffer).not.toBe(a.buffer); // the one made last
    expect(buffers.take().buffer).toBe(a.buffer);
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
