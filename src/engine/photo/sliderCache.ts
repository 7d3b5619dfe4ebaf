// The open photo's generations along each attribute slider, made ahead of a drag. One generator pass on WASM takes
// longer than a display frame, so a slider dragged over a 12-megapixel photo would lag two or three frames behind
// the pointer. Instead, once the view rests, the worker generates the photo's face at every CACHE_STEP of each
// slider's range and at the slider's own value, the other inputs as they are on screen (the anchor). A slider value
// between two of them is then drawn at once from the two neighbours, blended linearly: a preview, marked
// `exact: false`; at a generated value it is the generator's own output. The page asks for the exact frame once the
// slider rests (RequestLine.refreshLater). While a slider is dragged before its row is made (right after
// refinement, say), the values just ahead of it are made between its frames (ahead()), so that most of the drag's
// frames are blends too.
// Plain numbers only (no tensors): PhotoEdit owns one, makes the generations and reads them back here.
import type { FrameInput } from '../protocol';

/** Spacing of the generated values along a slider, in attribute units (the sliders move in steps of range / 200). */
export const CACHE_STEP = 0.1;
/** Most live frames' generations a row keeps besides its own (remember()): each is size² x 3 floats (48 KB). */
const REMEMBERED_MAX = 120;
/** How far ahead of a dragged slider's value ahead() makes its row's values. */
export const AHEAD = 2 * CACHE_STEP;

/** One slider's generations: `key` is the input they were made around; `images[j]` is at values[j] (ascending). */
interface CacheRow {
  attribute: number;
  key: FrameInput;
  values: number[]; // float32 values
  images: (Float32Array | null)[];
  remembered: number;
}

/** A generation still to make: the row it belongs to, its value there, and the generator input. */
export interface CachePass {
  row: CacheRow;
  value: number;
  input: FrameInput;
}

/** The slider the last two anchors differ in (they differ in it alone), and which way it moved. */
interface Drag {
  attribute: number;
  direction: 1 | -1;
}

/** A live frame's generation from the rows: exact when the value is one of the generated ones. */
export interface CachedImage {
  image: Float32Array;
  exact: boolean;
}

export class SliderCache {
  private rows: (CacheRow | null)[];
  private anchor: FrameInput | null = null;
  private drag: Drag | null = null;

  /** `ranges`: each attribute slider's [min, max], manifest order; `enabled` false: keeps and serves nothing. */
  constructor(
    private readonly ranges: readonly { min: number; max: number }[],
    private readonly enabled = true,
  ) {
    this.rows = ranges.map(() => null);
  }

  /** The input on screen now: rows are made around it (a snapshot's frames have none). */
  setAnchor(input: FrameInput): void {
    const anchor = this.enabled && input.snapshot === undefined ? copy(input) : null;
    this.drag = anchor && this.anchor ? dragOf(this.anchor, anchor, this.drag) : null;
    this.anchor = anchor;
  }

  /** Forgets every generation (a new fit makes other faces). */
  clear(): void {
    this.rows = this.ranges.map(() => null);
  }

  /** Generations held, for tests and the memory they take (each is size² x 3 floats). */
  get count(): number {
    return this.rows.reduce((n, s) => n + (s ? s.images.filter(Boolean).length : 0), 0);
  }

  /** The generation for `input` from a row that differs from it in its own attribute only; null if none covers it. */
  lookup(input: FrameInput): CachedImage | null {
    if (!this.enabled || input.snapshot !== undefined) return null;
    for (const row of this.rows) {
      if (!row || !matches(row.key, input, row.attribute)) continue;
      const v = input.attributes[row.attribute]!;
      const { values, images } = row;
      const exact = values.indexOf(v);
      if (exact >= 0) return images[exact] ? { image: images[exact], exact: true } : null;
      // The nearest made values on either side, no more than a step apart.
      let [below, above] = [-1, -1];
      for (let j = 0; j < values.length; j++) {
        if (!images[j]) continue;
        if (values[j]! < v) below = j;
        else if (above < 0) above = j;
      }
      if (below < 0 || above < 0 || values[above]! - values[below]! > CACHE_STEP * 1.001) continue;
      const [a, b] = [images[below]!, images[above]!];
      const t = (v - values[below]!) / (values[above]! - values[below]!);
      const image = new Float32Array(a.length);
      for (let i = 0; i < image.length; i++) image[i] = a[i]! + (b[i]! - a[i]!) * t;
      return { image, exact: false };
    }
    return null;
  }

  /**
   * The next generation to make around the anchor: slider by slider (manifest order), each from the anchor's value
   * outward. A row made around another input is dropped first. Null when every slider is complete (or no anchor).
   */
  next(): CachePass | null {
    const anchor = this.anchor;
    if (!anchor) return null;
    for (const k of this.ranges.keys()) {
      const row = this.rowAround(k, anchor);
      const v = anchor.attributes[k]!;
      const index = nearestMissing(row, (u) => Math.abs(u - v));
      if (index >= 0) return passOf(row, index, anchor);
    }
    return null;
  }

  /**
   * While a slider is being dragged (the last two anchors differ in it alone): the next generation to make for the
   * drag's next frames, the missing value of its row nearest ahead of the slider's value, within AHEAD in the drag's
   * direction. Behind it there is no need: the value on screen was generated (and remembered) or blended from made
   * neighbours. Null when none is missing.
   */
  ahead(): CachePass | null {
    const { anchor, drag } = this;
    if (!anchor || !drag) return null;
    const row = this.rowAround(drag.attribute, anchor);
    const v = anchor.attributes[drag.attribute]!;
    const index = nearestMissing(row, (u) => {
      const d = (u - v) * drag.direction;
      return d > 0 && d <= AHEAD ? d : null;
    });
    return index < 0 ? null : passOf(row, index, anchor);
  }

  /** Slider `k`'s row around `anchor`: the one kept when it was made around the same other inputs, else new. */
  private rowAround(k: number, anchor: FrameInput): CacheRow {
    let row = this.rows[k];
    if (!row || !matches(row.key, anchor, k)) {
      row = newRow(k, anchor, this.ranges[k]!);
      this.rows[k] = row;
    }
    return row;
  }

  /**
   * Keeps the generation the generator made for a live frame of `input` as one more value of the row it belongs
   * to (one is started around the anchor when `input` differs from it in one attribute): a drag that comes back over
   * values it has crossed is then drawn from them, before the rows are made and while refinement runs.
   */
  remember(input: FrameInput, image: Float32Array): void {
    const anchor = this.anchor;
    if (!this.enabled || input.snapshot !== undefined || !anchor) return;
    let row = this.rows.find((s) => s && matches(s.key, input, s.attribute));
    if (!row) {
      const k = input.attributes.findIndex((a, i) => a !== anchor.attributes[i]);
      if (k < 0 || !matches(anchor, input, k)) return;
      row = newRow(k, anchor, this.ranges[k]!);
      this.rows[k] = row;
    }
    const v = input.attributes[row.attribute]!;
    const at = row.values.indexOf(v);
    if (at >= 0) row.images[at] ??= image;
    else if (row.remembered < REMEMBERED_MAX) {
      const j = row.values.findIndex((u) => u > v);
      const place = j < 0 ? row.values.length : j;
      row.values.splice(place, 0, v);
      row.images.splice(place, 0, image);
      row.remembered++;
    }
  }

  /** Keeps `image` (size² x 3, byte units) for `pass`, unless its row was dropped meanwhile. */
  store({ row, value }: CachePass, image: Float32Array): void {
    if (this.rows[row.attribute] !== row) return;
    // Found by value: a remembered frame may have been put in before it since the pass was given out.
    const at = row.values.indexOf(value);
    if (at >= 0) row.images[at] ??= image;
  }
}

/** Every CACHE_STEP from min to max, and the anchor's own value when it lies between (as float32, ascending). */
function newRow(attribute: number, anchor: FrameInput, { min, max }: { min: number; max: number }): CacheRow {
  const n = Math.round((max - min) / CACHE_STEP) + 1;
  const grid = Array.from({ length: n }, (_, j) => Math.fround(min + j * CACHE_STEP));
  const own = anchor.attributes[attribute]!;
  if (own > grid[0]! && own < grid[n - 1]! && !grid.includes(own)) grid.push(own);
  const values = grid.sort((a, b) => a - b);
  const images = new Array<Float32Array | null>(values.length).fill(null);
  return { attribute, key: copy(anchor), values, images, remembered: 0 };
}

/** The index of the missing generation whose value is at the least `distance` (null: not wanted), or -1 if none. */
function nearestMissing({ values, images }: CacheRow, distance: (value: number) => number | null): number {
  let [best, least] = [-1, Infinity];
  for (let j = 0; j < values.length; j++) {
    const d = images[j] ? null : distance(values[j]!);
    if (d !== null && d < least) [best, least] = [j, d];
  }
  return best;
}

/** The pass that makes `row`'s value `index` around `anchor`. */
function passOf(row: CacheRow, index: number, anchor: FrameInput): CachePass {
  const value = row.values[index]!;
  const attributes = anchor.attributes.slice();
  attributes[row.attribute] = value;
  return { row, value, input: { latent: row.key.latent, attributes } };
}

/**
 * The drag from anchor `from` to `to`: the one slider they differ in, and its direction; `last` when they are the same
 * input (a frame asked for again); null when the latent or more than one slider changed.
 */
function dragOf(from: FrameInput, to: FrameInput, last: Drag | null): Drag | null {
  const k = movedSlider(from, to);
  if (k === -1) return last;
  return k < 0 ? null : { attribute: k, direction: to.attributes[k]! > from.attributes[k]! ? 1 : -1 };
}

/**
 * The one attribute slider `to` moved from `from` (same latent, that attribute alone changed); -1 when nothing
 * changed, -2 when the latent or more than one attribute did.
 */
export function movedSlider(from: FrameInput, to: FrameInput): number {
  if (from.latent.length !== to.latent.length || from.latent.some((z, i) => z !== to.latent[i])) return -2;
  let moved = -1;
  for (let k = 0; k < to.attributes.length; k++) {
    if (from.attributes[k] === to.attributes[k]) continue;
    if (moved >= 0) return -2;
    moved = k;
  }
  return moved;
}

/** Whether `input` equals `key` in its latent and in every attribute but `except`. */
function matches(key: FrameInput, input: FrameInput, except: number): boolean {
  if (input.snapshot !== undefined || key.latent.length !== input.latent.length) return false;
  for (let i = 0; i < key.latent.length; i++) if (key.latent[i] !== input.latent[i]) return false;
  for (let i = 0; i < key.attributes.length; i++) {
    if (i !== except && key.attributes[i] !== input.attributes[i]) return false;
  }
  return true;
}

function copy(input: FrameInput): FrameInput {
  return { latent: input.latent.slice(), attributes: input.attributes.slice() };
}
