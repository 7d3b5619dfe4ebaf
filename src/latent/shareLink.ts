// A face in a URL fragment (#face=...), bit for bit: the numbers travel as raw float32, so the page that opens the
// link computes the very same generator input and draws the very same pixels (on the same backend). The fragment never
// reaches a server. Layout, little-endian, then base64url:
//   u8 version | u8 model id length | model id (UTF-8) | u16 latent size | u8 attribute count | u8 custom count
//   | f32 latent[latent size] | f32 attributes[count] | f32 offsets[count]
//   | per custom attribute: u8 name length | name (UTF-8) | f32 amount | f32 vector[latent size + count]
//   | u32 CRC-32 of everything before it
// The checksum is always the last 4 bytes, in every version, so a changed or cut link is told apart from one made by
// another version of the app.
import type { ModelShape } from './modelShape';

export const SHARE_VERSION = 1;
export const SHARE_PREFIX = '#face=';
export const MAX_SHARED_CUSTOM = 16;
const MAX_NAME_BYTES = 255;

export interface SharedCustom {
  name: string;
  /** [latent size + attribute count], as customAttributes keeps it. */
  vector: Float32Array;
  amount: number;
}

export interface SharedFace {
  modelId: string;
  latent: Float32Array;
  attributes: Float32Array;
  offsets: Float32Array;
  custom: SharedCustom[];
}

export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

/** A sound link made on another model than the loaded one: `linkModel` says which, so the page may switch to it. */
export class OtherModelError extends ShareLinkError {
  override name = 'OtherModelError';
  constructor(
    readonly linkModel: string,
    loadedModel: string,
  ) {
    super(`This share link is for model "${linkModel}", but the loaded model is "${loadedModel}".`);
  }
}

const utf8 = new TextEncoder();

/** The face as a base64url string (what follows #face=). */
export function encodeShare(face: SharedFace): string {
  const L = face.latent.length;
  const A = face.attributes.length;
  if (face.offsets.length !== A) throw new RangeError('offsets and attributes differ in length');
  if (face.custom.length > MAX_SHARED_CUSTOM) throw new RangeError(`at most ${MAX_SHARED_CUSTOM} custom attributes`);
  const id = utf8.encode(face.modelId);
  const names = face.custom.map((c) => utf8.encode(c.name));
  if (id.length > MAX_NAME_BYTES || names.some((n) => n.length > MAX_NAME_BYTES)) throw new RangeError('name too long');
  const size = 2 + id.length + 4 + 4 * (L + 2 * A) + names.reduce((s, n) => s + 1 + n.length + 4 + 4 * (L + A), 0) + 4;
  const w = new Writer(size);
  w.u8(SHARE_VERSION);
  w.u8(id.length);
  w.bytes(id);
  w.u16(L);
  w.u8(A);
  w.u8(face.custom.length);
  w.floats(face.latent);
  w.floats(face.attributes);
  w.floats(face.offsets);
  face.custom.forEach((c, k) => {
    if (c.vector.length !== L + A) throw new RangeError(`custom attribute "${c.name}" does not fit this face`);
    w.u8(names[k]!.length);
    w.bytes(names[k]!);
    w.f32(c.amount);
    w.floats(c.vector);
  });
  w.u32(crc32(w.buf.subarray(0, w.at)));
  return toBase64Url(w.buf);
}

/** Reads a link made by encodeShare for the model in `shape`; every failure is a ShareLinkError to show as is. */
export function decodeShare(text: string, shape: ModelShape): SharedFace {
  const bytes = fromBase64Url(text);
  if (bytes.length < 8) throw new ShareLinkError(CUT);
  const body = bytes.subarray(0, bytes.length - 4);
  const stored = new DataView(bytes.buffer, bytes.byteOffset + body.length, 4).getUint32(0, true);
  if (crc32(body) !== stored) {
    throw new ShareLinkError(
      'This share link has been changed or cut short: its checksum does not match. Ask for the link again.',
    );
  }
  const r = new Reader(body);
  const version = r.u8();
  if (version !== SHARE_VERSION) {
    throw new ShareLinkError(
      `This share link was made by another version of Latent Lab (link format ${version}; this one reads ` +
        `format ${SHARE_VERSION}).`,
    );
  }
  const modelId = r.text(r.u8());
  if (modelId !== shape.modelId) throw new OtherModelError(modelId, shape.modelId);
  const L = r.u16();
  const A = r.u8();
  if (L !== shape.latentSize || A !== shape.attributeNames.length) {
    throw new ShareLinkError(
      `This share link's face has ${L} + ${A} numbers; the loaded model needs ` +
        `${shape.latentSize} + ${shape.attributeNames.length}.`,
    );
  }
  const count = r.u8();
  if (count > MAX_SHARED_CUSTOM) throw new ShareLinkError(MALFORMED);
  const latent = r.floats(L);
  const attributes = r.floats(A);
  const offsets = r.floats(A);
  const custom = Array.from({ length: count }, () => {
    const name = r.text(r.u8());
    const amount = r.f32();
    return { name, amount, vector: r.floats(L + A) };
  });
  if (r.at !== body.length) throw new ShareLinkError(MALFORMED);
  return { modelId, latent, attributes, offsets, custom };
}

/** The payload of a `#face=` fragment, or null when the fragment is something else. */
export function readShareFragment(hash: string): string | null {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

const CUT = 'This share link is incomplete: it may have been cut off when it was copied. Ask for the whole link.';
const MALFORMED = 'This share link is malformed: its numbers do not add up. Ask for the link again.';

class Writer {
  readonly buf: Uint8Array;
  private readonly view: DataView;
  at = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
  }
  u8(v: number) {
    this.view.setUint8(this.at, v);
    this.at += 1;
  }
  u16(v: number) {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
  }
  u32(v: number) {
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }
  f32(v: number) {
    this.view.setFloat32(this.at, v, true);
    this.at += 4;
  }
  bytes(b: Uint8Array) {
    this.buf.set(b, this.at);
    this.at += b.length;
  }
  floats(values: Float32Array) {
    for (const v of values) this.f32(v);
  }
}

class Reader {
  private readonly view: DataView;
  at = 0;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number) {
    if (this.at + n > this.buf.length) throw new ShareLinkError(CUT);
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.at, true);
    this.at += 2;
    return v;
  }
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.at, true);
    this.at += 4;
    if (!Number.isFinite(v)) throw new ShareLinkError(MALFORMED);
    return v;
  }
  floats(n: number): Float32Array {
    return Float32Array.from({ length: n }, () => this.f32());
  }
  text(n: number): string {
    this.need(n);
    const bytes = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ShareLinkError(MALFORMED);
    }
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new ShareLinkError('This share link is damaged: it holds characters a share link never has.');
  }
  if (text.length % 4 === 1) throw new ShareLinkError(CUT);
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as zip and PNG use it). */
export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
