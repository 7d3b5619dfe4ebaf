import { rankRows, type EffectRow, type RankKey } from '../../../src/latent/interventionRanking';
import type { Ranking } from '../../../src/store/intervention/interventionStore';
import type { Readout } from '../../../src/store/intervention/readouts';
import { useIntervention, useInterventionState } from '../../hooks/useIntervention';

/** Rows shown in the detailed table; the summary above it names the top three for every readout. */
const SHOWN = 12;

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;

/** The readout a dimension moves most, for the picture-change view. */
function strongest(row: EffectRow, attributes: readonly Readout[]): { c: number; label: string } {
  let c = 0;
  row.mean.forEach((m, i) => {
    if (Math.abs(m) > Math.abs(row.mean[c]!)) c = i;
  });
  return { c, label: attributes[c]?.label ?? `y${c}` };
}

/**
 * The ranking: the top three dimensions for each readout (E_y's attributes; on grey models also the picture's
 * measures), then the dimensions strongest first for one readout (or by picture change), with the mean change per σ
 * and its spread over the base faces. Every dimension is a button that sweeps it.
 */
export function RankingTable({ ranking }: { ranking: Ranking }) {
  const { actions } = useIntervention();
  const attributes = ranking.readouts;
  const sortKey = useInterventionState((s) => s.sortKey);
  const key: RankKey = sortKey.kind === 'entry' && sortKey.index >= attributes.length ? { kind: 'picture' } : sortKey;
  const sorted = rankRows(ranking.rows, key).slice(0, SHOWN);
  const hasPicture = ranking.rows.some((r) => r.picture !== null);
  const top = Math.max(
    1e-9,
    ...sorted.map((r) => (key.kind === 'entry' ? Math.abs(r.mean[key.index]!) : (r.picture ?? 0))),
  );
  const dimButton = (dim: number) => (
    <button type="button" className="iv-dim" onClick={() => void actions.sweepDimension(dim)} title={`Sweep z${dim}`}>
      z{dim}
    </button>
  );

  return (
    <>
      <table className="iv-summary" aria-label="Top dimensions per reading">
        <thead>
          <tr>
            <th scope="col">Reading</th>
            <th scope="col">Strongest dimensions (change per σ)</th>
          </tr>
        </thead>
        <tbody>
          {attributes.map((a, c) => (
            <tr key={a.name} data-source={a.source}>
              <th scope="row">{a.label}</th>
              <td>
                {rankRows(ranking.rows, { kind: 'entry', index: c })
                  .slice(0, 3)
                  .map((r) => (
                    <span key={r.dim} className="iv-top">
                      {dimButton(r.dim)} <span className="value">{signed(r.mean[c]!)}</span>
                    </span>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="iv-sort">
        <span>Sort by</span>
        <select
          value={key.kind === 'entry' ? String(key.index) : 'picture'}
          onChange={(e) => {
            const v = e.currentTarget.value;
            actions.sortBy(v === 'picture' ? { kind: 'picture' } : { kind: 'entry', index: Number(v) });
          }}
        >
          {attributes.map((a, c) => (
            <option key={a.name} value={c}>
              {a.label}
            </option>
          ))}
          {hasPicture && <option value="picture">Picture change</option>}
        </select>
      </label>
      <table className="iv-ranking" aria-label="Dimensions ranked">
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">
              {key.kind === 'entry' ? `${attributes[key.index]?.label} per σ ± spread` : 'Moves most'}
            </th>
            <th scope="col" aria-label="Strength" />
            {hasPicture && <th scope="col">Picture per σ</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const c = key.kind === 'entry' ? key.index : strongest(r, attributes).c;
            const size = key.kind === 'entry' ? Math.abs(r.mean[c]!) : (r.picture ?? 0);
            return (
              <tr key={r.dim} data-testid="ranking-row" onClick={() => void actions.sweepDimension(r.dim)}>
                <td>{dimButton(r.dim)}</td>
                <td className="value">
                  {key.kind === 'picture' && `${strongest(r, attributes).label} `}
                  {signed(r.mean[c]!)} ± {r.spread[c]!.toFixed(3)}
                </td>
                <td className="iv-bar-cell">
                  <span
                    className={`iv-bar${key.kind === 'entry' && r.mean[c]! < 0 ? ' down' : ''}`}
                    style={{ width: `${(100 * size) / top}%` }}
                  />
                </td>
                {hasPicture && (
                  <td className="value">{r.picture === null ? '–' : `${(100 * r.picture).toFixed(2)}%`}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        ± is the spread over the base faces: an effect smaller than its spread does not hold for every face.
      </p>
    </>
  );
}
