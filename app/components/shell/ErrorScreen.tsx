import type { EngineErrorCode } from '../../../src/engine/protocol';
import { useActions } from '../../hooks/useEditor';

const HEADLINES: Record<EngineErrorCode, string> = {
  'model-not-found': 'The face model could not be found.',
  'bad-manifest': 'The face model is damaged or in a format this version cannot read.',
  network: 'The face model could not be downloaded. Check your connection.',
  'backend-unavailable': 'This browser cannot run the requested compute backend.',
  'render-failed': 'The face could not be rendered.',
  'not-loaded': 'The face model is not loaded.',
  'worker-crashed': 'The engine stopped unexpectedly.',
};

export function ErrorScreen({ code, message }: { code: EngineErrorCode; message: string }) {
  const actions = useActions();
  return (
    <section className="screen error" role="alert" data-testid="error">
      <h2>{HEADLINES[code]}</h2>
      <p className="muted">{message}</p>
      {code === 'backend-unavailable' && (
        <p>
          Try removing <code>?backend=</code> from the address to let Latent Lab choose.
        </p>
      )}
      <button type="button" className="primary" onClick={() => actions.retry()}>
        Retry
      </button>
    </section>
  );
}
