import { describe, expect, it } from 'vitest';
import { randomLatent } from './random';
import {
  crc32,
  decodeShare,
  encodeShare,
  MAX_SHARED_CUSTOM,
  OtherModelError,
  readShareFragment,
  SHARE_VERSION,
  ShareLinkError,
  type SharedFace,
} from './shareLink';

const shape = {
  modelId: 'celeba64-icgan-full-7c39d795',
  latentSize: 128,
  attributeNames: ['Blond_Hair', 'Bangs', 'Smiling', 'Male', 'Eyeglasses', 'Young'],
};
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

function sample(): SharedFace {
  const latent = randomLatent(42, { size: 128, mean: 0, std: 1 });
  // Values with awkward bit patterns: a subnormal, -0, the largest float32, and a float32 that no short decimal holds.
  latent[0] = 1e-40;
  latent[1] = -0;
  latent[2] = 3.4028234663852886e38;
  latent[3] = Math.fround(0.1);
  return {
    modelId: shape.modelId,
    latent,
    attributes: Float32Array.of(-1, 1, 0.25, -1, 1, -0.333),
    offsets: Float32Array.of(0, 0.5, 0, -1.75, 0, 0),
    custom: [
      { name: 'Hat 🎩', vector: randomLatent(7, { size: 134, mean: 0, std: 0.3 }), amount: 1.5 },
      { name: 'Freckles', vector: randomLatent(8, { size: 134, mean: 0, std: 0.3 }), amount: -0.25 },
    ],
  };
}

describe('share link', () => {
  it('round-trips every number bit for bit, and the names', () => {
    const face = sample();
    const text = encodeShare(face);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = decodeShare(text, shape);
    expect(back.modelId).toBe(face.modelId);
    expect(bits(back.latent)).toEqual(bits(face.latent));
    expect(bits(back.attributes)).toEqual(bits(face.attributes));
    expect(bits(back.offsets)).toEqual(bits(face.offsets));
    expect(back.custom.map((c) => c.name)).toEqual(['Hat 🎩', 'Freckles']);
    back.custom.forEach((c, k) => {
      expect(bits(c.vector)).toEqual(bits(face.custom[k]!.vector));
      expect(c.amount).toBe(face.custom[k]!.amount);
    });
  });

  it('is compact: 4 bytes a number, base64url, a few hundred characters for a plain face', () => {
    const plain = encodeShare({ ...sample(), custom: [] });
    const bytes = 2 + shape.modelId.length + 4 + 4 * (128 + 12) + 4;
    expect(plain.length).toBe(Math.ceil((bytes * 4) / 3));
  });

  it('detects a changed character anywhere (the checksum), with a message for people', () => {
    const text = encodeShare(sample());
    for (const at of [0, 3, 40, Math.floor(text.length / 2), text.length - 2]) {
      const c = text[at] === 'A' ? 'B' : 'A';
      const tampered = text.slice(0, at) + c + text.slice(at + 1);
      expect(() => decodeShare(tampered, shape), `changed at ${at}`).toThrow(ShareLinkError);
    }
    const flipped = text.slice(0, 100) + (text[100] === 'A' ? 'B' : 'A') + text.slice(101);
    expect(() => decodeShare(flipped, shape)).toThrow(/changed or cut short/);
    expect(() => decodeShare(text.slice(0, 50) + '%' + text.slice(51), shape)).toThrow(/characters/);
  });

  it('detects a link cut short at any length', () => {
    const text = encodeShare(sample());
    for (let n = 0; n < text.length; n += 37) {
      expect(() => decodeShare(text.slice(0, n), shape), `cut to ${n}`).toThrow(ShareLinkError);
    }
    expect(() => decodeShare(text.slice(0, -1), shape)).toThrow(ShareLinkError);
    expect(() => decodeShare('', shape)).toThrow(/incomplete/);
  });

  it('refuses a link for another model, or one whose sizes do not fit the loaded model', () => {
    const other = encodeShare({ ...sample(), modelId: 'fashion32-cgan' });
    expect(() => decodeShare(other, shape)).toThrow(/for model "fashion32-cgan".*"celeba64-icgan-full-7c39d795"/);
    // Told apart from damage, with the link's model, so the page can switch to it.
    let thrown: unknown;
    try {
      decodeShare(other, shape);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(OtherModelError);
    expect((thrown as OtherModelError).linkModel).toBe('fashion32-cgan');
    const text = encodeShare(sample());
    expect(() => decodeShare(text, { ...shape, latentSize: 100 })).toThrow(/128 \+ 6 numbers.*100 \+ 6/);
  });

  it('refuses another version, told apart from tampering', () => {
    const bytes = decodeBytes(encodeShare(sample()));
    bytes[0] = SHARE_VERSION + 1;
    resign(bytes);
    expect(() => decodeShare(encodeBytes(bytes), shape)).toThrow(/another version of Latent Lab \(link format 2/);
  });

  it('refuses a re-signed link whose numbers are not finite or whose length does not add up', () => {
    const bytes = decodeBytes(encodeShare({ ...sample(), custom: [] }));
    const at = 2 + shape.modelId.length + 4; // first latent float
    new DataView(bytes.buffer).setFloat32(at, Number.NaN, true);
    resign(bytes);
    expect(() => decodeShare(encodeBytes(bytes), shape)).toThrow(/malformed/);
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes.subarray(0, -4));
    new DataView(longer.buffer).setFloat32(at, 0, true);
    resign(longer);
    expect(() => decodeShare(encodeBytes(longer), shape)).toThrow(/malformed/);
  });

  it('caps the custom attributes a link carries', () => {
    const many = Array.from({ length: MAX_SHARED_CUSTOM + 1 }, (_, k) => ({
      name: `c${k}`,
      vector: new Float32Array(134),
      amount: 0,
    }));
    expect(() => encodeShare({ ...sample(), custom: many })).toThrow(RangeError);
  });

  it('reads only #face= fragments', () => {
    expect(readShareFragment('#face=abc')).toBe('abc');
    expect(readShareFragment('#other=abc')).toBeNull();
    expect(readShareFragment('')).toBeNull();
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

function decodeBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}
function encodeBytes(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
/** Writes a valid checksum over an edited body, as someone tampering on purpose would. */
function resign(bytes: Uint8Array): void {
  new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes.subarray(0, -4)), true);
}
