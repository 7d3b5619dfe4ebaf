// The training snapshots of the loaded model's generator, fetched when first asked for and owned here until dispose().
import type { GanModel, LoadOptions } from './ganModel';

export class SnapshotCache {
  private loaded = new Map<number, Promise<GanModel>>();
  private disposed = false;

  constructor(
    private readonly model: GanModel,
    private readonly baseUrl: string,
    private readonly options: LoadOptions = {},
  ) {}

  /** Snapshot `index`'s generator (manifest.snapshots), loaded once; owned by this cache, never by the caller. */
  get(index: number): Promise<GanModel> {
    if (this.disposed) return Promise.reject(new Error('The snapshots were released with their model.'));
    let found = this.loaded.get(index);
    if (!found) {
      found = this.model.loadSnapshot(this.baseUrl, index, this.options);
      // A failed download is not kept, so a later request tries again.
      found.catch(() => this.loaded.delete(index));
      this.loaded.set(index, found);
    }
    return found;
  }

  /** Releases every snapshot loaded (and any still loading, once it lands). */
  dispose(): void {
    this.disposed = true;
    for (const snap of this.loaded.values())
      void snap.then(
        (m) => m.dispose(),
        () => undefined,
      );
    this.loaded.clear();
  }
}
