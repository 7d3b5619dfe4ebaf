import { useState } from 'react';
import { parseSeed } from '../../../src/latent/random';
import { useWalk } from '../../hooks/useWalk';

/** Start and stop a random walk on the main canvas; its seed is shared with the walk export. */
export function WalkControls({ seed, onSeed }: { seed: number; onSeed: (seed: number) => void }) {
  const { walking, start, stop } = useWalk();
  const [text, setText] = useState(String(seed));
  const parsed = parseSeed(text);
  return (
    <div className="explore-block">
      <h3 className="small-title">Random walk</h3>
      <div className="explore-row">
        <label htmlFor="walk-path">Walk path</label>
        <input
          id="walk-path"
          inputMode="numeric"
          value={text}
          disabled={walking}
          aria-invalid={parsed === null}
          onChange={(e) => {
            setText(e.currentTarget.value);
            const next = parseSeed(e.currentTarget.value);
            if (next !== null) onSeed(next);
          }}
        />
        <button
          type="button"
          className="primary"
          aria-pressed={walking}
          disabled={!walking && parsed === null}
          onClick={() => (walking ? stop() : start(seed))}
        >
          {walking ? 'Stop walk' : 'Start walk'}
        </button>
      </div>
      <p className={parsed === null ? 'field-error' : 'muted small'}>
        {parsed === null
          ? 'A walk path is a whole number from 0 to 4294967295.'
          : walking
            ? 'Walking… Stop keeps the face you reached (one undo step back).'
            : 'Wanders smoothly from the face on screen; the same number takes the same path.'}
      </p>
    </div>
  );
}
