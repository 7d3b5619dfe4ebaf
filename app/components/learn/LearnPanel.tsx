import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../../src/engine/protocol';
import { useActions, useEditor, useEditorState } from '../../hooks/useEditor';
import { Explain } from '../teach/Explain';
import { RealOrGenerated } from './RealOrGenerated';
import { YourPicture } from './YourPicture';
import './learn.css';

/**
 * Watch it learn: a timeline over the generator's training snapshots and the final generator (the same latent and
 * class through them), the discriminator's verdict on the image on screen, on real test images and on the open photo.
 */
export function LearnPanel({ model }: { model: ModelInfo }) {
  const actions = useActions();
  const { engine } = useEditor();
  const snapshot = useEditorState((s) => s.snapshot);
  const iterations = model.snapshots ?? [];
  const index = snapshot ?? iterations.length;
  const [verdict, setVerdict] = useState<number | null>(null);
  useEffect(() => engine.onFrame((_bitmap, info) => setVerdict(info.verdict ?? null)), [engine]);
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
      {model.discriminator && <RealOrGenerated model={model} verdict={verdict} />}
      {model.discriminator && <YourPicture model={model} />}
    </section>
  );
}
