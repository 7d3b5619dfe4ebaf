import { useEffect, useRef } from 'react';
import type { Attribute } from '../../../src/latent/attributes';
import { selectModel } from '../../../src/store/editor/selectors';
import { useEditorState } from '../../hooks/useEditor';
import { useMapState } from '../../hooks/useLatentMap';
import { useResting } from '../../hooks/useResting';
import { Explain } from '../teach/Explain';

const BAR = 3;
const HEIGHT = 64;
/** z is N(0, 1): ±3 holds all but 0.3% of its values; larger ones are drawn to the edge. */
const Z_RANGE = 3;

/**
 * The face on screen as numbers: each of z's values as a bar, and the attribute values y; catches up with every edit,
 * a drag's once it rests (useResting).
 */
export function LatentChart() {
  const model = useEditorState((s) => selectModel(s));
  const here = useResting(useMapState((s) => s.here));
  const canvas = useRef<HTMLCanvasElement>(null);
  const latent = here?.latent;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !latent) return;
    const w = latent.length * BAR;
    ctx.canvas.width = w;
    ctx.canvas.height = HEIGHT;
    drawLatentBars(ctx, latent, w);
  }, [latent]);

  if (!here || !model) return null;
  const { min, max } = range(here.latent);
  return (
    <section className="panel latent-chart" aria-labelledby="chart-title">
      <div className="panel-title">
        <h2 id="chart-title">This face&apos;s numbers</h2>
        <Explain topic="z-and-y" />
      </div>
      <canvas
        ref={canvas}
        data-testid="latent-chart"
        role="img"
        aria-label={`Latent z: ${here.latent.length} numbers from ${min.toFixed(2)} to ${max.toFixed(2)}.`}
      />
      <p className="muted small">
        z: {here.latent.length} numbers, each a bar from −{Z_RANGE} (down) to +{Z_RANGE} (up). y: the attributes.
      </p>
      <div className="chart-attributes" role="list" aria-label="Attribute values y">
        {model.attributes.map((a, i) => (
          <AttributeBar key={a.name} attribute={a} value={here.attributes[i] ?? 0} />
        ))}
      </div>
    </section>
  );
}

function AttributeBar({ attribute, value }: { attribute: Attribute; value: number }) {
  const span = Math.max(Math.abs(attribute.min), Math.abs(attribute.max)) || 1;
  const part = (50 * Math.min(span, Math.abs(value))) / span;
  const style = value >= 0 ? { left: '50%', width: `${part}%` } : { left: `${50 - part}%`, width: `${part}%` };
  return (
    <div role="listitem" style={{ display: 'contents' }}>
      <span>{attribute.label}</span>
      <span className="chart-bar" aria-hidden="true">
        <span style={style} />
      </span>
      <span className="value">{value.toFixed(2)}</span>
    </div>
  );
}

function drawLatentBars(ctx: CanvasRenderingContext2D, latent: Float32Array, w: number): void {
  const mid = HEIGHT / 2;
  ctx.clearRect(0, 0, w, HEIGHT);
  for (let i = 0; i < latent.length; i++) {
    const v = Math.max(-Z_RANGE, Math.min(Z_RANGE, latent[i]!));
    const h = (v / Z_RANGE) * (mid - 1);
    ctx.fillStyle = v >= 0 ? '#7c9cff' : '#f5b942';
    ctx.fillRect(i * BAR, v >= 0 ? mid - h : mid, BAR - 1, Math.abs(h) || 1);
  }
  ctx.fillStyle = 'rgba(154, 163, 178, 0.6)';
  ctx.fillRect(0, mid, w, 1);
}

function range(v: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { min, max };
}
