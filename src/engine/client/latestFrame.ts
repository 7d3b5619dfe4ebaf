/**
 * The latest frame of one kind and who wants it. The frame is owned here: drawn by the listeners, not kept by them,
 * and closed when the next one arrives or on clear().
 */
export class LatestFrame<T, Info = undefined> {
  private current: T | null = null;
  private listeners = new Set<(frame: T, info: Info) => void>();

  constructor(private readonly close: (frame: T) => void) {}

  get value(): T | null {
    return this.current;
  }

  listen(listener: (frame: T, info: Info) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  show(frame: T, info: Info): void {
    this.clear();
    this.current = frame;
    for (const listener of this.listeners) listener(frame, info);
  }

  clear(): void {
    if (this.current) this.close(this.current);
    this.current = null;
  }
}
