import { useState, type FormEvent } from 'react';
import type { ModelInfo } from '../../../src/engine/protocol';
import type { SweepAxis } from '../../../src/latent/intervention';
import { MAX_REACH, MAX_SWEEP_STEPS, towardsLabel } from '../../../src/store/intervention/interventionActions';
import { useIntervention, useInterventionState } from '../../hooks/useIntervention';
import { NumberField } from '../common/NumberField';

/** The axis select's value for `axis`: 'dimension', 'condition:i' or 'towards:i' (i: a readout of the ranking). */
function axisChoice(axis: SweepAxis, readouts: readonly { label: string }[]): string {
  switch (axis.kind) {
    case 'dimension':
      return 'dimension';
    case 'condition':
      return `condition:${axis.index}`;
    case 'direction': {
      const entry = readouts.findIndex((_, i) => towardsLabel(readouts, i) === axis.label);
      return entry >= 0 ? `towards:${entry}` : 'dimension';
    }
  }
}

/** What to move (a latent dimension, an attribute, a measured direction), how far and in how many faces; Sweep. */
export function SweepForm({ model }: { model: ModelInfo }) {
  const { actions } = useIntervention();
  const axis = useInterventionState((s) => s.axis);
  const reach = useInterventionState((s) => s.reach);
  const steps = useInterventionState((s) => s.steps);
  const running = useInterventionState((s) => s.sweepStatus.kind === 'running');
  const ranking = useInterventionState((s) => (s.ranking?.modelId === model.id ? s.ranking : null));
  const ranked = (ranking?.rows.length ?? 0) > 0;
  // Directions can be measured for whatever the ranking read (on grey models, the picture's measures too).
  const readouts = ranking?.readouts ?? model.attributes;
  const size = model.latent.size;
  // What the dimension box shows: the axis's dimension, or what is being typed when it is not (yet) a valid one.
  const [dimText, setDimText] = useState('0');
  const [shownAxis, setShownAxis] = useState(axis);
  if (shownAxis !== axis) {
    setShownAxis(axis);
    if (axis.kind === 'dimension') setDimText(String(axis.index));
  }
  const dim = Number(dimText);
  const dimOk = /^\d+$/.test(dimText.trim()) && dim < size;
  const choice = axisChoice(axis, readouts);

  const choose = (value: string) => {
    const [kind, index] = value.split(':');
    if (kind === 'condition') actions.setAxis({ kind: 'condition', index: Number(index) });
    else if (kind === 'towards') void actions.sweepStrongest(Number(index));
    else actions.setAxis({ kind: 'dimension', index: dimOk ? dim : 0 });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice === 'dimension' && !dimOk) return;
    void actions.sweep();
  };

  return (
    <form className="iv-form" onSubmit={submit}>
      <label>
        <span>Move</span>
        <select value={choice} onChange={(e) => choose(e.currentTarget.value)} aria-label="What to move">
          <option value="dimension">One latent dimension (z)</option>
          <optgroup label="An attribute (y)">
            {model.attributes.map((a, i) => (
              <option key={a.name} value={`condition:${i}`}>
                {a.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Measured direction in z (rank first)">
            {readouts.map((a, i) => (
              <option key={a.name} value={`towards:${i}`} disabled={!ranked}>
                {towardsLabel(readouts, i)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {choice === 'dimension' && (
        <label>
          <span>Dimension</span>
          <input
            type="number"
            min={0}
            max={size - 1}
            step={1}
            value={dimText}
            aria-invalid={!dimOk}
            aria-describedby={dimOk ? undefined : 'iv-dim-error'}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setDimText(text);
              if (/^\d+$/.test(text) && Number(text) < size)
                actions.setAxis({ kind: 'dimension', index: Number(text) });
            }}
          />
        </label>
      )}
      {axis.kind !== 'condition' && (
        <NumberField
          label="Reach ±σ"
          value={reach}
          min={0.25}
          max={MAX_REACH}
          step={0.25}
          onValue={(r) => actions.setRange(r, steps)}
        />
      )}
      <NumberField
        label="Faces"
        value={steps}
        min={2}
        max={MAX_SWEEP_STEPS}
        step={1}
        onValue={(n) => actions.setRange(reach, n)}
      />
      <button type="submit" disabled={running || (choice === 'dimension' && !dimOk)}>
        Sweep
      </button>
      {choice === 'dimension' && !dimOk && (
        <p id="iv-dim-error" className="field-error small" role="alert">
          Pick a dimension from 0 to {size - 1}.
        </p>
      )}
    </form>
  );
}
