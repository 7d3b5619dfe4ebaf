import { useState, type FormEvent } from 'react';
import { parseSeed, randomSeed } from '../../../src/latent/random';
import { useActions, useEditorState } from '../../hooks/useEditor';
import { FaceThumbnail } from './FaceThumbnail';

export function FacePanel() {
  const actions = useActions();
  const recent = useEditorState((s) => s.recent);
  const face = useEditorState((s) => s.face);
  const interpolating = useEditorState((s) => s.interpolation.a !== null && s.interpolation.b !== null);
  const [seedText, setSeedText] = useState('');
  const seed = seedText.trim() === '' ? null : parseSeed(seedText);
  const invalid = seedText.trim() !== '' && seed === null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    const next = seed ?? randomSeed();
    actions.newRandomFace(next);
    setSeedText('');
  };

  return (
    <section className="panel" aria-labelledby="faces-title">
      <h2 id="faces-title">Faces</h2>
      <form className="seed-form" onSubmit={submit}>
        <label htmlFor="seed">Seed</label>
        <input
          id="seed"
          inputMode="numeric"
          placeholder={face?.source.kind === 'random' ? `current: ${face.source.seed}` : 'random'}
          value={seedText}
          onChange={(e) => setSeedText(e.currentTarget.value)}
          aria-invalid={invalid}
          aria-describedby="seed-help"
        />
        <button type="submit" className="primary" disabled={invalid}>
          New random face
        </button>
      </form>
      <p id="seed-help" className={invalid ? 'field-error' : 'muted small'}>
        {invalid
          ? 'A seed is a whole number from 0 to 4294967295.'
          : 'Leave empty for a surprise; the same seed gives the same face.'}
      </p>
      <h3 className="small-title">Recent</h3>
      <ul className="recent" aria-label="Recent faces">
        {recent.map((f) => (
          <FaceThumbnail
            key={f.id}
            face={f}
            current={!interpolating && f === face}
            onPick={() => actions.pickFace(f.id)}
          />
        ))}
      </ul>
    </section>
  );
}
