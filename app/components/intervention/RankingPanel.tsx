import type { ModelInfo } from '../../../src/engine/protocol';
import type { Ranking } from '../../../src/store/intervention/interventionStore';
import { MAX_RANK_FACES, resolveSettings } from '../../../src/store/intervention/rankRunner';
import { useIntervention, useInterventionState } from '../../hooks/useIntervention';
import { NumberField } from '../common/NumberField';
import { RankingTable } from './RankingTable';

/** Which base faces a ranking was measured on, as a short phrase ("" when their attributes were drawn as in training). */
function basesText(ranking: Ranking | null, model: ModelInfo): string {
  const kept = ranking?.attributes;
  if (!kept) return '';
  if (!model.classes) return ' on faces with the attributes then on screen';
  const strongest = kept.indexOf(Math.max(...kept));
  const pure = kept.every((w, i) => (i === strongest ? w === 1 : w === 0));
  return pure ? ` on ${model.classes[strongest]} faces` : ' on faces of the class mix then on screen';
}

/** The ranking's settings, its Rank / Cancel buttons, its progress, and the table once rows come in. */
export function RankingPanel({ model }: { model: ModelInfo }) {
  const { actions } = useIntervention();
  const raw = useInterventionState((s) => s.settings);
  const status = useInterventionState((s) => s.rankStatus);
  const stored = useInterventionState((s) => s.ranking);
  const size = model.latent.size;
  const settings = resolveSettings(raw, size);
  const ranking = stored?.modelId === model.id ? stored : null;
  const running = status.kind === 'running';
  const total = settings.dims * settings.faces * 2;
  const measured = model.channels === 1;

  return (
    <div className="iv-rank">
      <h3 className="small-title">Rank dimensions</h3>
      <p className="muted small">
        Each dimension is moved to −{settings.amplitude}σ and +{settings.amplitude}σ on {settings.faces} faces; the
        table ranks dimensions by how much each attribute&apos;s E_y reading
        {measured && ' and each measure of the picture (brightness, width, height, area, flare)'} changes per σ (
        {total.toLocaleString()} faces).
      </p>
      <div className="iv-form">
        <NumberField
          label="Dimensions"
          value={settings.dims}
          min={1}
          max={size}
          step={1}
          disabled={running}
          onValue={(n) => actions.setRankSettings({ dims: n >= size ? null : n })}
        />
        <NumberField
          label="Faces each"
          value={settings.faces}
          min={1}
          max={MAX_RANK_FACES}
          step={1}
          disabled={running}
          onValue={(n) => actions.setRankSettings({ faces: n })}
        />
        <label>
          <input
            type="checkbox"
            checked={settings.keepAttributes === true}
            disabled={running}
            onChange={(e) => actions.setRankSettings({ keepAttributes: e.currentTarget.checked })}
          />
          <span>{model.classes ? 'Only the class on screen' : 'Keep the attributes on screen'}</span>
        </label>
        <button type="button" onClick={() => void actions.rank()} disabled={running}>
          Rank dimensions
        </button>
        {running && (
          <button type="button" onClick={() => actions.cancelRank()}>
            Cancel
          </button>
        )}
      </div>
      {status.kind !== 'idle' && (
        <div className="iv-progress" data-state={status.kind}>
          <progress
            aria-label="Ranking progress"
            value={status.kind === 'running' ? status.done : status.kind === 'done' ? 1 : 0}
            max={status.kind === 'running' ? status.total : 1}
          />
          <span className="muted small" role="status">
            {status.kind === 'running' && `${status.done.toLocaleString()} of ${status.total.toLocaleString()} faces`}
            {status.kind === 'done' &&
              `Done: ${ranking?.rows.length ?? 0} dimensions${basesText(ranking, model)} in ` +
                `${(status.ms / 1000).toFixed(1)} s (kept for this session).`}
            {status.kind === 'cancelled' &&
              `Cancelled; ${ranking?.rows.length ?? 0} dimensions ranked before it stopped.`}
            {status.kind === 'error' && status.message}
          </span>
        </div>
      )}
      {ranking && ranking.rows.length > 0 && <RankingTable ranking={ranking} />}
    </div>
  );
}
