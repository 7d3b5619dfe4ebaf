import type { SweepResult } from '../../../src/store/intervention/interventionStore';
import type { Readout } from '../../../src/store/intervention/readouts';

const W = 160;
const H = 28;

/** The points of a reading series as an SVG polyline over the readout's range (bottom: min, top: max). */
function points(series: Float32Array, spec: Readout): string {
  const n = series.length;
  return Array.from(series, (v, s) => {
    const x = n > 1 ? (s / (n - 1)) * W : W / 2;
    const t = (Math.min(spec.max, Math.max(spec.min, v)) - spec.min) / (spec.max - spec.min);
    return `${x.toFixed(1)},${(H - t * H).toFixed(1)}`;
  }).join(' ');
}

/**
 * What is read along the strip: the model's own encoder E_y for each attribute, and on grey models the picture's
 * measures (from the pixels): a line, and first → last value.
 */
export function ReadingsChart({ sweep }: { sweep: SweepResult }) {
  const measured = sweep.readouts.some((r) => r.source === 'picture');
  return (
    <table className="iv-readings" aria-label={`Readings along ${sweep.label}`}>
      <thead>
        <tr>
          <th scope="col">{measured ? 'Reading' : 'Attribute'}</th>
          <th scope="col">
            {measured ? 'Along the strip (E_y, or measured in the picture)' : 'E_y reading along the strip'}
          </th>
          <th scope="col">First → last</th>
        </tr>
      </thead>
      <tbody>
        {sweep.readouts.map((spec, c) => {
          const series = sweep.series[c];
          if (!series || series.length === 0) return null;
          const first = series[0]!;
          const last = series[series.length - 1]!;
          const mid = spec.mid === null ? null : ((spec.mid - spec.min) / (spec.max - spec.min)) * H;
          return (
            <tr key={spec.name} data-testid="sweep-reading" data-source={spec.source}>
              <th scope="row">
                {spec.label}
                {spec.source === 'picture' && <span className="muted small"> (picture)</span>}
              </th>
              <td>
                <svg
                  viewBox={`0 0 ${W} ${H}`}
                  width={W}
                  height={H}
                  role="img"
                  aria-label={`${spec.label} reads ${first.toFixed(2)} at the first face and ${last.toFixed(2)} at the last`}
                >
                  {mid !== null && <line className="iv-mid" x1={0} x2={W} y1={H - mid} y2={H - mid} />}
                  <polyline className="iv-line" points={points(series, spec)} />
                </svg>
              </td>
              <td className="value">
                {first.toFixed(2)} → {last.toFixed(2)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
