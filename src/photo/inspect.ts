// Checks a dropped file before anything decodes it: what it really is (by its bytes, not its name), whether it is
// complete, and how many pixels it would decode to, so that a decompression bomb is refused without being decoded.
// Pure: no DOM, no tfjs.

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'bmp';

export type PhotoProblem =
  | 'empty'
  | 'too-large-file'
  | 'too-many-pixels'
  | 'too-small'
  | 'not-an-image'
  | 'gif'
  | 'svg'
  | 'heic'
  | 'unsupported-image'
  | 'truncated';

export type PhotoCheck =
  | { ok: true; format: PhotoFormat; width: number; height: number }
  | { ok: false; problem: PhotoProblem; message: string };

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_PIXELS = 50_000_000;
export const MIN_SIDE = 48;

const fail = (problem: PhotoProblem, message: string): PhotoCheck => ({ ok: false, problem, message });

function ascii(b: Uint8Array, from: number, len: number): string {
  return String.fromCharCode(...b.subarray(from, from + len));
}

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32le = (b: Uint8Array, i: number) => u16le(b, i) + u16le(b, i + 2) * 65536;
const i32le = (b: Uint8Array, i: number) => u32le(b, i) | 0;
const SAY_FORMATS = 'Use a JPEG, PNG, WebP, AVIF or BMP photo.';

/** ISO-BMFF brands of a file starting with an `ftyp` box: the major one, then the compatible ones. */
function brands(b: Uint8Array): string[] {
  if (ascii(b, 4, 4) !== 'ftyp') return [];
  const end = Math.min(u32be(b, 0), b.length);
  const out = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= end; i += 4) out.push(ascii(b, i, 4));
  return out;
}

/** AVIF by its major brand, or HEIF's generic brand (mif1, msf1) with AVIF among the compatible ones. */
function isAvif([major, ...compatible]: string[]): boolean {
  const avif = (brand: string) => brand === 'avif' || brand === 'avis';
  return (major !== undefined && avif(major)) || ((major === 'mif1' || major === 'msf1') && compatible.some(avif));
}

/**
 * The largest image size any `ispe` property of an AVIF declares (the primary image, a grid, or its tiles): the size
 * the browser would decode, at most. Walks meta > iprp > ipco; null if the head does not hold them.
 */
function avifSize(b: Uint8Array): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  const walk = (from: number, to: number) => {
    for (let i = from; i + 8 <= to;) {
      const size = u32be(b, i);
      const type = ascii(b, i + 4, 4);
      const end = size === 0 ? to : i + size;
      if (size !== 0 && size < 8) return;
      if (type === 'meta') walk(i + 12, Math.min(end, b.length));
      else if (type === 'iprp' || type === 'ipco') walk(i + 8, Math.min(end, b.length));
      else if (type === 'ispe' && i + 20 <= b.length) {
        const width = u32be(b, i + 12);
        const height = u32be(b, i + 16);
        if (!best || width * height > best.width * best.height) best = { width, height };
      }
      i = end;
    }
  };
  walk(0, b.length);
  return best;
}

/** BMP: BITMAPCOREHEADER (12 bytes, 16-bit sizes) or a later header (signed 32-bit; negative height = top-down). */
function bmpSize(b: Uint8Array): { width: number; height: number } {
  if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const len = u16be(b, i + 2);
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return null;
}

/**
 * `head`: the file's first bytes (64 KiB is plenty); `tail`: its last few bytes; `size`: its length in bytes.
 * Returns what it is and its size, or the reason it cannot be used, worded for the person who dropped it.
 */
export function inspectPhoto(head: Uint8Array, tail: Uint8Array, size: number): PhotoCheck {
  if (size === 0) return fail('empty', 'That file is empty (0 bytes).');
  if (size > MAX_FILE_BYTES) {
    return fail('too-large-file', `That file is ${(size / 1048576).toFixed(0)} MB; photos up to 50 MB are accepted.`);
  }
  let format: PhotoFormat;
  let dims: { width: number; height: number } | null;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    format = 'jpeg';
    dims = jpegSize(head);
    if (!(tail.at(-2) === 0xff && tail.at(-1) === 0xd9)) {
      return fail('truncated', 'That JPEG is incomplete or damaged (it stops before its end). Try saving it again.');
    }
  } else if (ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') {
    format = 'png';
    dims = ascii(head, 12, 4) === 'IHDR' ? { width: u32be(head, 16), height: u32be(head, 20) } : null;
    if (ascii(tail, tail.length - 8, 4) !== 'IEND') {
      return fail('truncated', 'That PNG is incomplete or damaged (it stops before its end). Try saving it again.');
    }
  } else if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') {
    format = 'webp';
    dims = webpSize(head);
  } else if (ascii(head, 0, 4) === 'GIF8') {
    return fail('gif', `GIF images (animated or not) are not supported. ${SAY_FORMATS}`);
  } else if (isAvif(brands(head))) {
    format = 'avif';
    dims = avifSize(head);
  } else if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brands(head)[0] ?? '')) {
    return fail(
      'heic',
      'HEIC/HEIF photos (the iPhone format) cannot be decoded by the browser. Export it as JPEG first.',
    );
  } else if (/^\s*(<\?xml|<svg|<!DOCTYPE svg)/i.test(new TextDecoder().decode(head.subarray(0, 256)))) {
    return fail('svg', `SVG files are drawings, not photos. ${SAY_FORMATS}`);
  } else if (ascii(head, 0, 2) === 'BM' && head.length >= 26) {
    format = 'bmp';
    dims = bmpSize(head);
    // The header's file size is the whole file's: fewer bytes mean it was cut short.
    if (size < u32le(head, 2)) {
      return fail('truncated', 'That BMP is incomplete or damaged (it stops before its end). Try saving it again.');
    }
  } else if (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*') {
    return fail('unsupported-image', `TIFF images cannot be decoded by the browser. ${SAY_FORMATS}`);
  } else {
    return fail('not-an-image', `That file is not an image. Drop a JPEG, PNG, WebP, AVIF or BMP photo.`);
  }
  if (!dims || dims.width === 0 || dims.height === 0) {
    return fail('truncated', `That ${format.toUpperCase()} is damaged: its size cannot be read.`);
  }
  if (dims.width * dims.height > MAX_PIXELS) {
    return fail(
      'too-many-pixels',
      `That image is ${dims.width}x${dims.height} pixels, too many to decode safely (the limit is 50 megapixels).`,
    );
  }
  if (Math.min(dims.width, dims.height) < MIN_SIDE) {
    return fail(
      'too-small',
      `That image is only ${dims.width}x${dims.height} pixels; a face needs at least ${MIN_SIDE} px.`,
    );
  }
  return { ok: true, format, ...dims };
}

/** Reads the parts of a Blob that inspectPhoto needs. */
export async function inspectBlob(blob: Blob): Promise<PhotoCheck> {
  const head = new Uint8Array(await blob.slice(0, 65536).arrayBuffer());
  const tail = new Uint8Array(await blob.slice(Math.max(0, blob.size - 16)).arrayBuffer());
  return inspectPhoto(head, tail, blob.size);
}
