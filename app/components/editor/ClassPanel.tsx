import { useId, useState } from 'react';
import { classWeights, strongestClass } from '../../../src/latent/classMix';
import { useAttributeValues } from '../../hooks/useAttributeValues';
import { useActions, useEditorState } from '../../hooks/useEditor';
import { Explain } from '../teach/Explain';
import '../learn/learn.css';

/** A one-hot conditioned model's control: one class, or a mix of two classes with weights (1 - t, t). */
export function ClassPanel({ classes }: { classes: string[] }) {
  const actions = useActions();
  const values = useAttributeValues();
  // The pair being mixed stays as chosen for this face while it is a mix of exactly those two (at any t, 0 to 1);
  // otherwise (another face, or one made elsewhere) the class shown is the strongest one.
  const faceId = useEditorState((s) => s.face?.id ?? null);
  const [pair, setPair] = useState({ faceId: null as number | null, a: 0, b: 1 });
  const n = classes.length;
  const isPair =
    values !== null && pair.faceId === faceId && Math.abs((values[pair.a] ?? 0) + (values[pair.b] ?? 0) - 1) < 1e-4;
  const chosen = isPair ? pair.a : values ? strongestClass(values) : 0;
  const mixWith = pair.b === chosen ? (chosen + 1) % n : pair.b;
  const t = values?.[mixWith] ?? 0;
  const name = useId();
  const mix = (next: number) => {
    setPair({ faceId, a: chosen, b: mixWith });
    actions.setAttributes(classWeights(n, chosen, mixWith, next));
  };
  const choose = (i: number) => {
    setPair({ faceId, a: i, b: mixWith === i ? (i + 1) % n : mixWith });
    actions.setAttributes(classWeights(n, i));
  };
  return (
    <section className="panel" aria-labelledby="class-title">
      <div className="panel-title">
        <h2 id="class-title">Class</h2>
        <Explain topic="z-and-y" label="z and y" />
        <Explain topic="generator" label="generator" />
      </div>
      <div className="class-choice" role="radiogroup" aria-labelledby="class-title">
        {classes.map((c, i) => (
          <label key={c}>
            <input type="radio" name={name} checked={i === chosen} onChange={() => choose(i)} /> {c}
          </label>
        ))}
      </div>
      <div className="class-mix">
        <label>
          Mix with{' '}
          <select value={mixWith} onChange={(e) => setPair({ faceId, a: chosen, b: Number(e.currentTarget.value) })}>
            {classes.map((c, i) =>
              i === chosen ? null : (
                <option key={c} value={i}>
                  {c}
                </option>
              ),
            )}
          </select>
        </label>
        <input
          type="range"
          aria-label="Class mix"
          min={0}
          max={1}
          step={0.05}
          value={t}
          onPointerDown={() => actions.beginGesture()}
          onPointerUp={() => actions.endGesture()}
          onChange={(e) => mix(Number(e.currentTarget.value))}
        />
        <output>
          {Math.round((1 - t) * 100)}% {classes[chosen]}, {Math.round(t * 100)}% {classes[mixWith]}
        </output>
      </div>
    </section>
  );
}
