// Drawing the latent map: a pure function of what is on it and the canvas's size (no React, no store).

/** The map's window onto principal coordinates: where x0..x1 and y0..y1 fall on a canvas of w x h pixels. */
export interface MapView {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  w: number;
  h: number;
}

export interface MapMarker {
  x: number;
  y: number;
  kind: 'recent' | 'photo';
}

export interface MapLayers {
  /** Gallery points, [x0, y0, ...]. */
  points: Float32Array;
  /** The path of the face on screen, [x, y, ...]; a NaN pair breaks it. */
  trail: Float32Array;
  here: Float32Array | null;
  markers: MapMarker[];
}

const MARGIN = 0.06;

/** A view that shows every point with a margin; the y axis points up. */
export function fitView(points: Float32Array, w: number, h: number): MapView {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]!);
    x1 = Math.max(x1, points[i]!);
    y0 = Math.min(y0, points[i + 1]!);
    y1 = Math.max(y1, points[i + 1]!);
  }
  if (!(x1 > x0)) [x0, x1] = [-1, 1];
  if (!(y1 > y0)) [y0, y1] = [-1, 1];
  const mx = (x1 - x0) * MARGIN;
  const my = (y1 - y0) * MARGIN;
  return { x0: x0 - mx, x1: x1 + mx, y0: y0 - my, y1: y1 + my, w, h };
}

/** Canvas pixels of a map point, kept inside the canvas (an edited face can leave the sampled cloud). */
export function toScreen(view: MapView, x: number, y: number): [number, number] {
  const sx = ((x - view.x0) / (view.x1 - view.x0)) * view.w;
  const sy = (1 - (y - view.y0) / (view.y1 - view.y0)) * view.h;
  return [Math.min(view.w, Math.max(0, sx)), Math.min(view.h, Math.max(0, sy))];
}

export function drawLatentMap(ctx: CanvasRenderingContext2D, view: MapView, layers: MapLayers, colors: MapColors) {
  const { w, h } = view;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = colors.point;
  for (let i = 0; i < layers.points.length; i += 2) {
    const [x, y] = toScreen(view, layers.points[i]!, layers.points[i + 1]!);
    ctx.fillRect(x - 1, y - 1, 2.5, 2.5);
  }
  drawTrail(ctx, view, layers.trail, colors.trail);
  for (const m of layers.markers) {
    const [x, y] = toScreen(view, m.x, m.y);
    ctx.strokeStyle = m.kind === 'photo' ? colors.photo : colors.recent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (m.kind === 'photo') {
      ctx.moveTo(x, y - 6);
      ctx.lineTo(x + 6, y);
      ctx.lineTo(x, y + 6);
      ctx.lineTo(x - 6, y);
      ctx.closePath();
    } else {
      ctx.arc(x, y, 5, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  if (layers.here) {
    const [x, y] = toScreen(view, layers.here[0]!, layers.here[1]!);
    ctx.strokeStyle = colors.here;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(x, y, 8, 0, 2 * Math.PI);
    ctx.moveTo(x - 12, y);
    ctx.lineTo(x + 12, y);
    ctx.moveTo(x, y - 12);
    ctx.lineTo(x, y + 12);
    ctx.stroke();
  }
}

export interface MapColors {
  point: string;
  trail: string;
  recent: string;
  photo: string;
  here: string;
}

function drawTrail(ctx: CanvasRenderingContext2D, view: MapView, trail: Float32Array, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let open = false;
  for (let i = 0; i < trail.length; i += 2) {
    if (Number.isNaN(trail[i]!)) {
      open = false;
      continue;
    }
    const [x, y] = toScreen(view, trail[i]!, trail[i + 1]!);
    if (open) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    open = true;
  }
  ctx.stroke();
}

/** The gallery point nearest to canvas pixel (sx, sy), if one lies within `radius` pixels. */
export function pointAt(view: MapView, points: Float32Array, sx: number, sy: number, radius: number): number | null {
  let best: number | null = null;
  let bestD = radius * radius;
  for (let i = 0; i < points.length / 2; i++) {
    const [x, y] = toScreen(view, points[2 * i]!, points[2 * i + 1]!);
    const d = (x - sx) ** 2 + (y - sy) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
