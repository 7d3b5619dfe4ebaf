import { describe, expect, it } from 'vitest';
import { greyFromRgba, rgbaFromGrey } from './greyPicture';

describe('greyPicture', () => {
  it('turns RGBA into luma bytes: black 0, white 255, pure green brighter than pure blue', () => {
    const rgba = Uint8ClampedArray.from([0, 0, 0, 255, 255, 255, 255, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect(Array.from(greyFromRgba(rgba))).toEqual([0, 255, 150, 29]);
  });

  it('draws grey bytes as opaque R = G = B and reads them back unchanged', () => {
    const grey = Uint8Array.from([0, 17, 128, 255]);
    const rgba = rgbaFromGrey(grey);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([17, 17, 17, 255]);
    expect(Array.from(greyFromRgba(rgba))).toEqual(Array.from(grey));
  });
});
