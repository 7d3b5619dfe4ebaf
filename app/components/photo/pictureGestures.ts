// What a finger (or a mouse) does on the picture, as plain state: no DOM, so it is tested in Node. Coordinates are CSS
// pixels inside the picture's box (w x h), times in ms.
// - one pointer dragged sideways moves the before/after divider (when the picture is not zoomed);
// - one pointer held still for HOLD_MS shows the photo before edits until it is lifted;
// - two taps close together zoom in at that point (ZOOM_STEP), or back out when zoomed;
// - two pointers pinch: the zoom follows their distance, the picture follows their midpoint;
// - one pointer dragged on a zoomed picture pans it.

/** How the picture is drawn: screen = t + scale * picture point, scale in [1, MAX_ZOOM], never showing past its edges. */
export interface PictureView {
  scale: number;
  tx: number;
  ty: number;
}

export interface GestureOutput {
  /** The divider's new place, in percent of the width from the left. */
  split(percent: number): void;
  /** Whether to show the photo before edits (a held pointer). */
  hold(on: boolean): void;
  /** The new zoom and pan. */
  view(view: PictureView): void;
}

export const HOLD_MS = 450;
/** How far a pointer may wander (px) and still be a tap or a hold. */
export const SLOP_PX = 8;
export const DOUBLE_TAP_MS = 320;
export const ZOOM_STEP = 2.5;
export const MAX_ZOOM = 4;
export const IDENTITY: PictureView = { scale: 1, tx: 0, ty: 0 };

type Point = { x: number; y: number };
type Mode = 'pending' | 'split' | 'pan' | 'hold' | 'pinch' | 'done';

/** Keeps the picture covering its box: no blank edge once zoomed. */
export function clampView({ scale, tx, ty }: PictureView, w: number, h: number): PictureView {
  const s = Math.min(MAX_ZOOM, Math.max(1, scale));
  const clamp = (v: number, size: number) => Math.min(0, Math.max(size - s * size, v));
  return { scale: s, tx: clamp(tx, w), ty: clamp(ty, h) };
}

/** Zoomed to `scale` with the picture point under screen point `at` kept where it is. */
export function zoomAt(view: PictureView, at: Point, scale: number, w: number, h: number): PictureView {
  const px = (at.x - view.tx) / view.scale;
  const py = (at.y - view.ty) / view.scale;
  return clampView({ scale, tx: at.x - scale * px, ty: at.y - scale * py }, w, h);
}

export class PictureGestures {
  private readonly pointers = new Map<number, Point>();
  private mode: Mode = 'done';
  private start: Point & { t: number } = { x: 0, y: 0, t: 0 };
  private startView: PictureView = IDENTITY;
  private pinchStart: { mid: Point; distance: number } | null = null;
  private lastTap: (Point & { t: number }) | null = null;
  private current: PictureView = IDENTITY;

  constructor(
    private readonly out: GestureOutput,
    private readonly options: { divider: boolean; zoom: boolean } = { divider: true, zoom: true },
  ) {}

  get view(): PictureView {
    return this.current;
  }

  /** Sets the view from outside (a reset button, a new photo). */
  setView(view: PictureView): void {
    this.current = view;
    this.out.view(view);
  }

  down(id: number, x: number, y: number, t: number): void {
    this.pointers.set(id, { x, y });
    if (this.pointers.size === 1) {
      this.mode = 'pending';
      this.start = { x, y, t };
      this.startView = this.current;
      return;
    }
    // A second finger: a pinch, whatever the first was doing.
    if (this.mode === 'hold') this.out.hold(false);
    if (!this.options.zoom) {
      this.mode = 'done';
      return;
    }
    this.mode = 'pinch';
    this.startView = this.current;
    this.pinchStart = this.pinch();
  }

  move(id: number, x: number, y: number, _t: number, w: number, h: number): void {
    if (!this.pointers.has(id)) return;
    this.pointers.set(id, { x, y });
    if (this.mode === 'pinch' && this.pinchStart && this.pointers.size >= 2) {
      const { mid, distance } = this.pinch();
      const scale = this.startView.scale * (distance / Math.max(1, this.pinchStart.distance));
      // The picture point under the first midpoint stays under the fingers' midpoint.
      const px = (this.pinchStart.mid.x - this.startView.tx) / this.startView.scale;
      const py = (this.pinchStart.mid.y - this.startView.ty) / this.startView.scale;
      this.setView(clampView({ scale, tx: mid.x - scale * px, ty: mid.y - scale * py }, w, h));
      return;
    }
    const dx = x - this.start.x;
    const dy = y - this.start.y;
    if (this.mode === 'pending' && Math.hypot(dx, dy) > SLOP_PX) {
      if (this.current.scale > 1) this.mode = 'pan';
      else if (this.options.divider && Math.abs(dx) >= Math.abs(dy)) this.mode = 'split';
      else this.mode = 'done';
    }
    if (this.mode === 'split') this.out.split(Math.min(100, Math.max(0, (100 * x) / w)));
    if (this.mode === 'pan') {
      this.setView(clampView({ ...this.startView, tx: this.startView.tx + dx, ty: this.startView.ty + dy }, w, h));
    }
  }

  /** The hold timer's tick: `t` is now. A pointer still down and still where it started becomes a hold. */
  tick(t: number): void {
    if (this.mode === 'pending' && this.pointers.size === 1 && t - this.start.t >= HOLD_MS) {
      this.mode = 'hold';
      this.out.hold(true);
    }
  }

  up(id: number, x: number, y: number, t: number, w: number, h: number): void {
    if (!this.pointers.delete(id)) return;
    if (this.mode === 'hold') this.out.hold(false);
    const tap = this.mode === 'pending' && t - this.start.t < HOLD_MS;
    if (this.pointers.size > 0) {
      // One finger of a pinch lifted: the other goes on as a pan from here.
      const [rest] = this.pointers.values();
      this.mode = this.current.scale > 1 ? 'pan' : 'done';
      this.start = { ...rest!, t };
      this.startView = this.current;
      return;
    }
    this.mode = 'done';
    if (!tap || !this.options.zoom) return;
    const last = this.lastTap;
    if (last && t - last.t <= DOUBLE_TAP_MS && Math.hypot(x - last.x, y - last.y) <= 4 * SLOP_PX) {
      this.lastTap = null;
      this.setView(this.current.scale > 1 ? IDENTITY : zoomAt(this.current, { x, y }, ZOOM_STEP, w, h));
      return;
    }
    this.lastTap = { x, y, t };
  }

  /** Lets go of every pointer, as if all were lifted without a tap: a hold ends (the picture is going away). */
  release(): void {
    if (this.mode === 'hold') this.out.hold(false);
    this.pointers.clear();
    this.mode = 'done';
  }

  cancel(id: number): void {
    if (!this.pointers.delete(id)) return;
    if (this.mode === 'hold') this.out.hold(false);
    if (this.pointers.size === 0) this.mode = 'done';
  }

  private pinch(): { mid: Point; distance: number } {
    const [a, b] = [...this.pointers.values()];
    return {
      mid: { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 },
      distance: Math.hypot(a!.x - b!.x, a!.y - b!.y),
    };
  }
}
