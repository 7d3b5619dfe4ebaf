import { useEffect } from 'react';
import type { ModelInfo } from '../../../src/engine/protocol';
import { useIntervention } from '../../hooks/useIntervention';
import { Explain } from '../teach/Explain';
import { RankingPanel } from './RankingPanel';
import { SweepForm } from './SweepForm';
import { SweepStrip } from './SweepStrip';
import './intervention.css';

/** Intervene on the latent: move one input with everything else fixed, see the faces and what E_y reads; rank. */
export function InterventionPanel({ model }: { model: ModelInfo }) {
  const { actions } = useIntervention();
  // A sweep on screen holds bitmaps; leaving the editor frees them (a finished ranking stays for the session).
  useEffect(() => () => actions.dispose(), [actions]);
  return (
    <section className="panel intervention" aria-labelledby="intervention-title">
      <div className="panel-title">
        <h2 id="intervention-title">Intervene</h2>
        <Explain topic="intervention" />
      </div>
      <p className="muted small">Hold everything else fixed, move one input, and see what changes.</p>
      <SweepForm model={model} />
      <SweepStrip model={model} />
      <RankingPanel model={model} />
    </section>
  );
}
