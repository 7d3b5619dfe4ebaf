// The model's real test images (manifest.testImages): fetched on first use, checked, kept as plain bytes (no tensors).
import type { LoadOptions } from '../model/ganModel';
import { ManifestError, type ModelManifest } from '../model/manifest';
import { EngineError } from '../protocol';
import { sha256Hex } from '../model/weights';

export class TestImages {
  private bytes: Promise<Uint8Array> | null = null;
  private readonly base: string;

  /** `baseUrl`: the model's folder. */
  constructor(
    private readonly manifest: ModelManifest,
    baseUrl: string,
    private readonly options: Pick<LoadOptions, 'fetch'> = {},
  ) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  /** How many the model ships (0: none). */
  get count(): number {
    return this.manifest.testImages?.count ?? 0;
  }

  /** Image `index`'s class (index into condition.classes). */
  label(index: number): number {
    this.check(index);
    return this.manifest.testImages!.labels[index]!;
  }

  /** Image `index` framed as the model sees it: grey bytes [resolution * resolution], 0 = black. */
  async framed(index: number): Promise<Uint8Array> {
    this.check(index);
    const spec = this.manifest.testImages!;
    const all = await this.load();
    const { resolution: r, pixelRange, framing } = this.manifest;
    const pad = framing?.pad ?? 0;
    const [lo, hi] = pixelRange;
    const background = Math.round((((framing?.background ?? lo) - lo) / (hi - lo)) * 255);
    const out = new Uint8Array(r * r).fill(background);
    const n = spec.size;
    for (let y = 0; y < n; y++)
      out.set(all.subarray((index * n + y) * n, (index * n + y + 1) * n), (y + pad) * r + pad);
    return out;
  }

  private check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.count)
      throw new EngineError('render-failed', `There is no test image ${index} (the model ships ${this.count}).`);
  }

  /** The whole file, fetched once; a failed fetch is not kept, so a later call tries again. */
  private load(): Promise<Uint8Array> {
    this.bytes ??= this.fetchBytes();
    this.bytes.catch(() => (this.bytes = null));
    return this.bytes;
  }

  private async fetchBytes(): Promise<Uint8Array> {
    const spec = this.manifest.testImages!;
    const file = this.manifest.files.find((f) => f.path === spec.path);
    const res = await (this.options.fetch ?? fetch)(`${this.base}${spec.path}`);
    if (!res.ok) throw new ManifestError(`Could not fetch test images ${spec.path} (HTTP ${res.status})`);
    const buf = await res.arrayBuffer();
    if (buf.byteLength !== file?.bytes)
      throw new ManifestError(`Test images ${spec.path} are ${buf.byteLength} bytes, the manifest says ${file?.bytes}`);
    const hash = file.sha256 ? await sha256Hex(buf) : null;
    if (hash !== null && hash !== file.sha256) throw new ManifestError(`Test images ${spec.path} are corrupt`);
    return new Uint8Array(buf);
  }
}
