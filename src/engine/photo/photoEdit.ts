// The edit put back onto the photo. The generator says what changes: the edited generation G(z, y) against the
// unedited one G(z0, y0), read as fields (src/photo/editFields.ts: where features move, how colours change, what is
// left). The photo supplies the pixels: its own, moved by the flow, recoloured by the gain, at its own resolution
// (src/photo/warpBlend.ts), blended in by the paste-back mask times the person matte (personSegmenter.ts). Where the
// edit changes nothing (or the weight is 0) the photo's own pixels come back exactly.
import * as tf from '@tensorflow/tfjs';
import type { Similarity } from '../../photo/align';
import { editFields } from '../../photo/editFields';
import { foreheadRows } from '../../photo/textureSource';
import { matteOnCrop, matteOnPatch, type PersonMatte } from '../../photo/personMatte';
import { createWarpPlan, warpBlend, warpWithPlan, type WarpPlan } from '../../photo/warpBlend';
import {
  cropOf,
  editMargin,
  extendSimilarity,
  faceMask,
  faceRegion,
  patchToCrop,
  scaleSimilarity,
  type Box,
} from '../../photo/pasteBack';
import type { GanModel } from '../model/ganModel';
import { PatchBuffers } from './patchBuffers';
import type { PhotoFit } from './photoFit';
import type { FrameInput } from '../protocol';
import type { RegionReader } from './regionReader';
import { rgbaOf, type RgbaFrame } from '../render/renderer';
import { SliderCache, type CachedImage, type CachePass } from './sliderCache';
import { sliderCachePays } from './sliderCacheFill';

/** The live view's face region is drawn at most this many pixels on its longer side; downloads use full size. */
export const PREVIEW_MAX_SIDE = 640;

/** One live frame: the generated face at the model's size, and the photo's face region with the edit pasted in. */
export interface EditFrame {
  face: RgbaFrame;
  patch: RgbaFrame;
  /** Where `patch` goes, in the photo's pixels (the photo as the engine holds it). */
  box: Box;
  /** The face was blended from two values of the slider cache, not generated (sliderCache.ts). */
  approximate?: boolean;
}

/**
 * One open photo's edit. Owns (dispose() frees them) the photo's fit (inversion.ts: per-layer codes and feature offset);
 * and, as plain numbers, its face region at preview size with the plan of warping an edit into it (warpBlend.ts: the
 * region, the alignment, the mask and the person matte do not change while the photo is open), the paste-back mask,
 * the matte, and the fit's unedited generation G_fit(z0, y0), read back once per fit (lazily, when refinement hands
 * over a newer one; from the image refinement's report made, without a generator pass, when the fit came with one).
 * Every frame is G_fit(z, y) (the photo's own generator, edited; read back crop-sized, or taken from the slider cache),
 * read against G_fit(z0, y0) as fields and warped into the region's bytes by the plan.
 */
/** A generation and its edit's fields in one array, as the slider cache keeps them. */
function withFields(image: Float32Array, fields: Float32Array): Float32Array {
  const both = new Float32Array(image.length + fields.length);
  both.set(image);
  both.set(fields, image.length);
  return both;
}

export class PhotoEdit {
  private fit: PhotoFit | null = null;
  /** G_fit(z0, y0) (r x r x 3 in byte units): null until a frame reads the current fit's back. */
  private base: Float32Array | null = null;
  /** (base - the photo's crop) x coverage, for `base` (editFields' lift): made once per fit. */
  private lift: { of: Float32Array; values: Float32Array } | null = null;
  /**
   * The fit's generations along each slider around the input on screen, made by fillCache() while the view rests, each
   * with its edit's fields after it in one array (withFields): blending two such arrays blends the faces and the
   * fields alike, so a frame drawn from the cache needs no flow of its own.
   */
  private readonly cache: SliderCache;
  private cacheWaiters: (() => void)[] = [];
  /** The buffers frames' patches are written into, given back by recycle() once the page has drawn them. */
  private readonly buffers: PatchBuffers;

  private constructor(
    private readonly model: GanModel,
    private readonly transform: Similarity, // photo -> the edit layer's canvas: the crop grown by `margin` each side
    private readonly margin: number,
    private readonly photo: { width: number; height: number },
    readonly box: Box,
    private readonly plan: WarpPlan, // the face region at preview size, and how the edit's fields warp into it
    private readonly mask: Float32Array, // (r + 2 margin)² in [0, 1]
    private readonly matte: PersonMatte | null, // where the photo shows the person (null: unknown, the mask alone)
    private readonly person: Float32Array | null, // the matte on the crop's pixels, r x r
    private readonly forehead: number, // crop rows above the brows: where a new fringe may borrow the photo's hair
    private readonly target: Float32Array, // the photo's crop at the model's size, r x r x 3 in byte units
    private readonly coverage: Float32Array, // how much of each crop pixel the photo covers, r x r in [0, 1]
  ) {
    this.cache = new SliderCache(model.manifest.attributes, sliderCachePays());
    this.buffers = new PatchBuffers(plan.base.length);
    this.buffers.fill();
  }

  /** The part of `bitmap` an edit may change (the crop aligned by `transform` and its margins); null when none. */
  static regionOf(model: GanModel, bitmap: ImageBitmap, transform: Similarity): Box | null {
    const { resolution: res } = model.manifest;
    const margin = editMargin(res);
    return faceRegion(extendSimilarity(transform, margin), res + 2 * margin, bitmap.width, bitmap.height);
  }

  /**
   * The edit of `bitmap` aligned by `transform`, kept to the person where `matte` says (made for this bitmap's size);
   * null when the crop does not touch the photo.
   */
  static create(
    model: GanModel,
    bitmap: ImageBitmap,
    transform: Similarity,
    read: RegionReader,
    matte: PersonMatte | null = null,
  ): PhotoEdit | null {
    const { resolution: res } = model.manifest;
    const landmarks = model.manifest.alignment?.landmarks;
    if (!landmarks) throw new Error(`Model ${model.manifest.id} declares no alignment landmarks`);
    const margin = editMargin(res);
    const canvas = extendSimilarity(transform, margin);
    const box = PhotoEdit.regionOf(model, bitmap, transform);
    if (!box) return null;
    const k = Math.min(1, PREVIEW_MAX_SIDE / Math.max(box.width, box.height));
    const pw = Math.max(1, Math.round(box.width * k));
    const ph = Math.max(1, Math.round(box.height * k));
    const patch = read(bitmap, box, pw, ph);
    const size = { width: bitmap.width, height: bitmap.height };
    const mask = faceMask(landmarks, res, margin);
    const onPatch = matte ? matteOnPatch(matte, box, pw, ph) : null;
    const plan = createWarpPlan(patch, mask, res + 2 * margin, patchToCrop(canvas, box, pw, ph), onPatch);
    const person = matte ? matteOnCrop(matte, transform, res) : null;
    const forehead = foreheadRows(landmarks, res);
    const { crop, coverage } = cropOf(patch, box, transform, res);
    return new PhotoEdit(model, canvas, margin, size, box, plan, mask, matte, person, forehead, crop, coverage);
  }

  /** The photo's fit (owned from now on): frames are generated by it, and edits measured from its own input. */
  setBase(fit: PhotoFit): void {
    this.fit?.dispose();
    this.fit = fit;
    this.base = null;
    this.cache.clear();
  }

  /**
   * The live frame for `input`, at preview size; from the slider cache when one covers it, unless `exact`. The patch's
   * bytes are the caller's, in a buffer given back by recycle() when there is one.
   */
  async frame(input: FrameInput, exact = false): Promise<EditFrame> {
    const { width, height } = this.plan;
    const swept = exact ? null : this.cache.lookup(input);
    const fit = this.fit;
    const { fields, face, generated } = await this.compose(input, true, swept);
    const data = warpWithPlan(this.plan, fields, this.buffers.take()) as Uint8ClampedArray<ArrayBuffer>;
    if (fit && this.fit === fit) {
      if (generated) this.cache.remember(input, generated); // a drag coming back this way is drawn from it
      this.cache.setAnchor(input);
    }
    this.wakeCacheFill();
    const approximate = swept && !swept.exact ? { approximate: true } : {};
    return { face: face!, patch: { width, height, data }, box: this.box, ...approximate };
  }

  /**
   * Makes the next generation of the slider cache around the input on screen: one generator pass, read back at
   * once (no tensor outlives the call). False when there is nothing left to make (or no fit yet).
   */
  fillCache(): boolean {
    return this.make(this.fit ? this.cache.next() : null);
  }

  /** As fillCache, one generation ahead of the slider being dragged (SliderCache.ahead); false when none is due. */
  fillAhead(): boolean {
    return this.make(this.fit ? this.cache.ahead() : null);
  }

  private make(pass: CachePass | null): boolean {
    const fit = this.fit;
    if (!fit || !pass) return false;
    const image = tf.tidy(() => this.bytes(fit.generate(pass.input)).dataSync() as Float32Array).slice();
    if (!this.base) this.base = tf.tidy(() => this.bytes(this.ownImage(fit)).dataSync() as Float32Array).slice();
    const res = this.model.manifest.resolution;
    this.cache.store(
      pass,
      withFields(
        image,
        editFields(this.base, image, res, this.margin, this.person, this.forehead, this.liftOf(this.base)),
      ),
    );
    return true;
  }

  /** The lift of `base` (editFields): computed once per unedited generation. */
  private liftOf(base: Float32Array): Float32Array {
    if (this.lift?.of !== base) {
      const values = new Float32Array(base.length);
      for (let i = 0; i < values.length; i++)
        values[i] = (base[i]! - this.target[i]!) * this.coverage[Math.floor(i / 3)]!;
      this.lift = { of: base, values };
    }
    return this.lift.values;
  }

  /** A frame's patch buffer, drawn and done with: a later frame may write into it (if it is this region's size). */
  recycle(buffer: ArrayBuffer): void {
    this.buffers.give(buffer);
  }

  /** Resolves at the next frame (the input on screen may have changed) or when the edit is disposed. */
  cacheWanted(): Promise<void> {
    return new Promise((resolve) => this.cacheWaiters.push(resolve));
  }

  private wakeCacheFill(): void {
    const waiters = this.cacheWaiters;
    this.cacheWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * The edited face region of `bitmap` (the same photo decoded at another size, e.g. its full resolution), at that
   * size, and where it goes in it. The region is held as bytes only (4 per pixel, twice: as read and as blended).
   */
  async exportAt(input: FrameInput, bitmap: ImageBitmap, read: RegionReader): Promise<{ patch: RgbaFrame; box: Box }> {
    const k = bitmap.width / this.photo.width;
    const t = scaleSimilarity(this.transform, k);
    const box = faceRegion(t, this.side, bitmap.width, bitmap.height);
    if (!box) throw new Error('The face is outside this photo');
    const { fields } = await this.compose(input, false);
    const params = patchToCrop(t, box, box.width, box.height);
    const matte = this.matte ? matteOnPatch(this.matte, box, box.width, box.height, k) : null;
    const patch = read(bitmap, box, box.width, box.height);
    const data = warpBlend(patch, fields, this.mask, this.side, params, matte) as Uint8ClampedArray<ArrayBuffer>;
    return { patch: { width: box.width, height: box.height, data }, box };
  }

  /** The edit layer's side in pixels: the crop and its margins. */
  private get side(): number {
    return this.model.manifest.resolution + 2 * this.margin;
  }

  dispose(): void {
    this.base = null;
    this.lift = null;
    this.cache.clear();
    this.buffers.clear();
    this.wakeCacheFill();
    this.fit?.dispose();
    this.fit = null;
  }

  /**
   * The fields of `input`'s edit (editFields: (r + 2 margin)² x FIELD_CHANNELS) from the edited generation (`swept`'s,
   * else generated and read back: `generated`) and the unedited one (read back once per fit); with `withFace`, the
   * face as RGBA.
   */
  private async compose(
    input: FrameInput,
    withFace: boolean,
    swept: CachedImage | null = null,
  ): Promise<{ fields: Float32Array; face: RgbaFrame | null; generated: Float32Array | null }> {
    const fit = this.fit;
    const known = this.base;
    const res = this.model.manifest.resolution;
    const fresh = fit && !known ? tf.tidy(() => this.bytes(this.ownImage(fit))) : null;
    // From the slider cache, the generation is already in memory: no generator pass.
    const edited = swept ? null : tf.tidy(() => this.bytes(this.generate(input)));
    try {
      const [values, baseValues] = await Promise.all([
        swept ? swept.image.subarray(0, res * res * 3) : (edited!.data() as Promise<Float32Array>),
        fresh?.data() as Promise<Float32Array> | undefined,
      ]);
      let base = known;
      if (baseValues) {
        base = baseValues;
        if (this.fit === fit) this.base = base; // not when a newer fit came in meanwhile
      }
      if (swept)
        return {
          fields: swept.image.subarray(res * res * 3),
          face: withFace ? rgbaOf(values, res) : null,
          generated: null,
        };
      // Before the first inversion result there is nothing to measure an edit from: the photo as it is.
      const fields = base
        ? editFields(base, values, res, this.margin, this.person, this.forehead, this.liftOf(base))
        : editFields(values, values, res, this.margin);
      return { fields, face: withFace ? rgbaOf(values, res) : null, generated: withFields(values, fields) };
    } finally {
      edited?.dispose();
      fresh?.dispose();
    }
  }

  /** [1, H, W, 3] in the model's pixel range -> [H, W, 3] in byte units (not rounded or clipped). Call inside tidy. */
  private bytes(x: tf.Tensor4D): tf.Tensor3D {
    const [lo, hi] = this.model.manifest.pixelRange;
    return x
      .sub(lo)
      .mul(255 / (hi - lo))
      .squeeze([0]) as tf.Tensor3D;
  }

  /** G_fit(z0, y0): from the fit's own image when it came with one (refinement's reports), else generated. */
  private ownImage(fit: PhotoFit): tf.Tensor4D {
    const { resolution: r, channels } = this.model.manifest;
    return fit.image ? tf.tensor4d(fit.image, [1, r, r, channels ?? 3]) : fit.generate(fit.input);
  }

  private generate(input: FrameInput): tf.Tensor4D {
    if (this.fit) return this.fit.generate(input);
    const z = tf.tensor2d(input.latent, [1, input.latent.length]);
    const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
    return this.model.generate(z, y);
  }
}
