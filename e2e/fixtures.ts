import { test as base, expect, type Page } from '@playwright/test';
import type { BackendChoice } from '../src/engine/protocol';
import type {} from '../src/engine/client/testHook';

export interface EditorOptions {
  backend: BackendChoice;
}

interface Manifest {
  id: string;
  resolution: number;
  latent: { size: number };
  attributes: { name: string; label: string }[];
}

/** A page object over the real app: reads the DOM and the canvas, never the engine's internals. */
export class EditorPage {
  constructor(
    readonly page: Page,
    readonly backend: BackendChoice,
    readonly manifest: Manifest,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.backend === 'auto' ? './' : `./?backend=${this.backend}`);
    await expect(this.page.getByTestId('backend')).toBeVisible({ timeout: 180_000 });
    await this.settle();
  }

  /** Waits until every requested frame has been drawn. */
  async settle(): Promise<void> {
    await this.page.evaluate(async () => {
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      await window.__latentLab!.idle();
    });
  }

  /** Fails unless the canvas shows `expected`: exactly on CPU backends, within one level on a GPU (see maxDifference). */
  async expectFrame(expected: number[], message?: string): Promise<void> {
    expect(maxDifference(await this.pixels(), expected), message).toBeLessThanOrEqual(sameFrameTolerance(this.backend));
  }

  /** The canvas's RGBA pixels at the model's native size, after the last frame landed. */
  async pixels(): Promise<number[]> {
    await this.settle();
    return this.page.getByTestId('face-canvas').evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    });
  }

  async memory(): Promise<number> {
    await this.settle();
    return this.page.evaluate(() => window.__latentLab!.memory());
  }

  slider(label: string) {
    return this.page.getByRole('slider', { name: label, exact: true });
  }

  async newFace(seed: number): Promise<void> {
    await this.page.getByLabel('Seed').fill(String(seed));
    await this.page.getByRole('button', { name: 'New random face' }).click();
    await this.settle();
  }
}

/**
 * Largest per-channel difference between two frames. GPU backends may round a value sitting on a .5 boundary
 * differently from one run to the next (seen on SwiftShader WebGPU: one channel off by 1 of 255), so "the same frame"
 * means exactly equal on wasm and cpu, and within 1 level on webgpu and webgl.
 */
function maxDifference(a: number[], b: number[]): number {
  const n = comparable(a, b);
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

function sameFrameTolerance(backend: string): number {
  return backend === 'webgpu' || backend === 'webgl' ? 1 : 0;
}

export function differingValues(a: number[], b: number[]): number {
  const n = comparable(a, b);
  let differing = 0;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) differing++;
  return differing;
}

/** The frames' common length; throws when either is empty or their sizes differ, which no comparison should pass. */
function comparable(a: number[], b: number[]): number {
  if (a.length === 0 || a.length !== b.length) {
    throw new Error(`Cannot compare frames of ${a.length} and ${b.length} values`);
  }
  return a.length;
}

export const test = base.extend<EditorOptions & { editor: EditorPage }>({
  backend: ['wasm', { option: true }],
  editor: async ({ page, backend, request }, use) => {
    const manifest = (await (await request.get('models/celeba64/manifest.json')).json()) as Manifest;
    await use(new EditorPage(page, backend, manifest));
  },
});

export { expect };
