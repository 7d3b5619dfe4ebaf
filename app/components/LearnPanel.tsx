import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../src/engine/protocol';
import { realProbability, verdictWords } from '../../src/store/verdictReading';
import { useActions, useEditor, useEditorState } from '../hooks/useEditor';
import { Explain } from './Explain';
import './learn.css';

/**
 * Watch it learn: a timeline over the generator's training snapshots and the final generator (the same latent and
 * class through them), and the discriminator's verdict on the image on screen.
 */
export function LearnPanel({ model }: { model: ModelInfo }) {
  const actions = useActions();
  const { engine } = useEditor();
  const snapshot = useEditorState((s) => s.snapshot);
  const iterations = model.snapshots ?? [];
  const index = snapshot ?? iterations.length;
  const [verdict, setVerdict] = useState<number | null>(null);
  useEffect(() => engine.onFrame((_bitmap, info) => setVerdict(info.verdict ?? null)), [engine]);
  const p = verdict === null ? null : realProbability(verdict);
  return (
    <section className="panel" aria-labelledby="learn-title">
      <div className="panel-title">
        <h2 id="learn-title">Watch it learn</h2>
        <Explain topic="discriminator" label="discriminator" />
        <Explain topic="minimax" label="minimax" />
      </div>
      {iterations.length > 0 && (
        <div className="timeline">
          <input
            type="range"
            aria-label="Training time"
            min={0}
            max={iterations.length}
            step={1}
            value={index}
            onChange={(e) => {
              const i = Number(e.currentTarget.value);
              actions.setSnapshot(i >= iterations.length ? null : i);
            }}
          />
          <output data-testid="timeline-step">
            {index < iterations.length ? `Generator after ${iterations[index]} training steps` : 'Final generator'}
          </output>
        </div>
      )}
      {model.discriminator && (
        <div className="verdict" data-testid="verdict" data-score={verdict ?? ''}>
          {p === null ? (
            'The discriminator has not judged this image yet.'
          ) : (
            <>
              <meter min={0} max={1} value={p} aria-label="How real the discriminator finds it" />
              <span>
                Discriminator: {Math.round(p * 100)}% real ({verdictWords(verdict!)}; score {verdict!.toFixed(2)})
              </span>
            </>
          )}
        </div>
      )}
    </section>
  );
}
