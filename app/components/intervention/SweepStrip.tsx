import type { ModelInfo } from '../../../src/engine/protocol';
import { stepText } from '../../../src/store/intervention/interventionStore';
import { SWEEP_SIZE } from '../../../src/store/intervention/interventionActions';
import { useIntervention, useInterventionState } from '../../hooks/useIntervention';
import { BitmapView } from '../common/BitmapView';
import { ReadingsChart } from './ReadingsChart';

/** The faces along the last sweep (click one to make it the face on screen) and the readings along them. */
export function SweepStrip({ model }: { model: ModelInfo }) {
  const { actions } = useIntervention();
  const stored = useInterventionState((s) => s.sweep);
  const sweep = stored?.modelId === model.id ? stored : null;
  const status = useInterventionState((s) => s.sweepStatus);
  return (
    <div className="iv-sweep">
      <p className="muted small" role="status">
        {status.kind === 'running' && `Sweeping… ${status.done} of ${status.total} faces`}
        {status.kind === 'error' && <span className="field-error">{status.message}</span>}
        {status.kind === 'done' &&
          sweep &&
          `${sweep.label}: ${sweep.values.length} faces in ${Math.round(status.ms)} ms.`}
        {status.kind === 'idle' && 'Sweep to see the faces along an axis, the face on screen in the middle.'}
      </p>
      {sweep && (
        <>
          <ol className="iv-strip" aria-label={`Faces along ${sweep.label}`}>
            {sweep.bitmaps.map((bitmap, s) => (
              <li key={s}>
                <button
                  type="button"
                  className="iv-face"
                  data-testid="sweep-face"
                  title="Make this the face on screen"
                  onClick={() => actions.pickStep(s)}
                >
                  <BitmapView bitmap={bitmap} size={SWEEP_SIZE} label={`${sweep.label} at ${stepText(sweep, s)}`} />
                  <span>{stepText(sweep, s)}</span>
                </button>
              </li>
            ))}
          </ol>
          <ReadingsChart sweep={sweep} />
        </>
      )}
    </div>
  );
}
