import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { directionLabel, latentFeatures } from '../../../src/latent/gallery';
import { project } from '../../../src/latent/pca';
import { selectModel } from '../../../src/store/editor/selectors';
import { useEditorState } from '../../hooks/useEditor';
import { useLatentMap, useMapState } from '../../hooks/useLatentMap';
import { useResting } from '../../hooks/useResting';
import { drawLatentMap, fitView, pointAt, toScreen, type MapColors, type MapMarker } from './drawLatentMap';
import { Explain } from '../teach/Explain';
import { MapStatusLine } from './MapStatusLine';
import { MapThumbButton } from './MapThumbButton';
import './latentMap.css';

const SIZE = 320;
/** The map's colours, from latentMap.css's custom properties (so the theme picks them, and the legend matches). */
function mapColors(el: Element): MapColors {
  const style = getComputedStyle(el);
  const get = (name: keyof MapColors) => style.getPropertyValue(`--map-${name}`).trim() || 'gray';
  return { point: get('point'), trail: get('trail'), recent: get('recent'), photo: get('photo'), here: get('here') };
}

/** The latent map: 1,000 sampled faces on their two principal directions, the face on screen, its path, your faces. */
export function LatentMap() {
  const { actions } = useLatentMap();
  const model = useEditorState((s) => selectModel(s));
  const recent = useEditorState((s) => s.recent);
  const current = useResting(useEditorState((s) => s.face));
  const photoFace = useEditorState((s) => s.photo?.face ?? null);
  const status = useMapState((s) => s.status);
  const modelId = useMapState((s) => s.modelId);
  const pca = useMapState((s) => s.pca);
  const points = useMapState((s) => s.points);
  const gallery = useMapState((s) => s.gallery);
  const thumbs = useMapState((s) => s.thumbs);
  const trail = useResting(useMapState((s) => s.trail));
  const here = useResting(useMapState((s) => s.herePoint));
  const firstSeed = useMapState((s) => s.firstSeed);
  const timings = useMapState((s) => s.timings);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (model && (status.kind === 'idle' || modelId !== model.id)) void actions.build();
  }, [model, status.kind, modelId, actions]);

  const view = useMemo(() => fitView(points, SIZE, SIZE), [points]);
  const markers = useMemo<MapMarker[]>(() => {
    if (!pca) return [];
    const own = [...recent];
    if (photoFace && !own.some((f) => f.id === photoFace.id)) own.push(photoFace);
    return own
      .filter((f) => f !== current && f.latent.length + f.attributes.length === pca.mean.length)
      .map((f) => {
        const [x, y] = project(pca, latentFeatures(f.latent, f.attributes));
        return { x: x!, y: y!, kind: f.source.kind === 'photo' || f.source.kind === 'camera' ? 'photo' : 'recent' };
      });
  }, [pca, recent, photoFace, current]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = SIZE * dpr;
    el.height = SIZE * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLatentMap(ctx, view, { points, trail, here, markers }, mapColors(el));
  }, [view, points, trail, here, markers]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const sx = ((e.clientX - r.left) / r.width) * SIZE;
    const sy = ((e.clientY - r.top) / r.height) * SIZE;
    const index = pointAt(view, points, sx, sy, 10);
    if (index !== null) actions.pick(index);
  };

  const herePx = here ? toScreen(view, here[0]!, here[1]!) : null;
  const axis = (i: number) => {
    if (!pca || !model) return '';
    const share = (100 * pca.variances[i]!) / pca.totalVariance;
    return `${directionLabel(pca.directions[i]!, model.attributes)} (${share.toFixed(1)}% of the variance)`;
  };

  return (
    <section className="panel latent-map" aria-labelledby="map-title">
      <div className="panel-title">
        <h2 id="map-title">Latent map</h2>
        <Explain topic="latent-map" />
      </div>
      <div
        className="map-area"
        data-testid="latent-map"
        data-status={status.kind}
        data-here={herePx ? herePx.map((v) => v.toFixed(1)).join(',') : ''}
        data-trail={trail.length / 2}
        data-photo-markers={markers.filter((m) => m.kind === 'photo').length}
      >
        <canvas
          ref={canvas}
          role="img"
          aria-label={`Map of ${gallery.length} sampled faces; a cross marks the face on screen. The pictures pick faces.`}
          onClick={onClick}
        />
        {thumbs.map((t) => {
          const [x, y] = toScreen(view, points[2 * t.index]!, points[2 * t.index + 1]!);
          const seed = gallery[t.index]?.seed ?? 0;
          return (
            <MapThumbButton
              key={`${firstSeed}-${t.index}`}
              bitmap={t.bitmap}
              left={(100 * x) / SIZE}
              top={(100 * y) / SIZE}
              seed={seed}
              onPick={() => actions.pick(t.index)}
            />
          );
        })}
      </div>
      <p className="map-axes muted small">
        → {axis(0)}
        <br />↑ {axis(1)}
      </p>
      <MapStatusLine status={status} count={gallery.length} timings={timings} />
      <p className="map-legend small" aria-hidden="true">
        <span className="key key-here">✛ this face</span> <span className="key key-trail">— its path</span>{' '}
        <span className="key key-recent">○ recent</span> <span className="key key-photo">◇ photo</span>
      </p>
      <div className="row-buttons">
        <button type="button" onClick={() => void actions.build(firstSeed + gallery.length)}>
          New sample
        </button>
        <button type="button" onClick={actions.clearTrail}>
          Clear path
        </button>
      </div>
    </section>
  );
}
