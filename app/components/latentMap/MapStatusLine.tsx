import type { LatentMapState, MapStatus } from '../../../src/store/latentMap/latentMapStore';

export function MapStatusLine(props: { status: MapStatus; count: number; timings: LatentMapState['timings'] }) {
  const { status, count, timings } = props;
  switch (status.kind) {
    case 'idle':
      return <p className="muted small">Waiting for the model…</p>;
    case 'building':
      return (
        <p className="muted small" role="status">
          {count.toLocaleString('en')} faces placed; pictures {status.done}/{status.total}…
        </p>
      );
    case 'ready':
      return (
        <p
          className="muted small"
          data-testid="map-ready-ms"
          data-ms={status.ms.toFixed(0)}
          data-stages={timings ? JSON.stringify(timings) : ''}
        >
          {count.toLocaleString('en')} faces, sampled and mapped on this device in {(status.ms / 1000).toFixed(2)} s
          {timings &&
            ` (sampling ${timings.sample.toFixed(0)} ms, PCA ${timings.pca.toFixed(0)} ms, pictures ${timings.thumbs.toFixed(0)} ms)`}
          .
        </p>
      );
    case 'error':
      return (
        <p className="field-error small" role="alert">
          {status.message}
        </p>
      );
  }
}
