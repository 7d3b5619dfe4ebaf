import { Editor } from './components/editor/Editor';
import { ErrorScreen } from './components/shell/ErrorScreen';
import { LoadingScreen } from './components/shell/LoadingScreen';
import { ModelPicker } from './components/shell/ModelPicker';
import type { EngineStatus } from '../src/engine/client/engineClient';
import { useEditorState } from './hooks/useEditor';

export function App() {
  const status = useEditorState((s) => s.status);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Latent Lab</h1>
        <ModelPicker />
        {status.kind === 'ready' && (
          <p className="model-line">
            {status.model.name} · backend{' '}
            <strong data-testid="backend" title={describeCandidates(status.candidates)}>
              {status.backend}
            </strong>
          </p>
        )}
      </header>
      <main>{renderStatus(status)}</main>
      <footer className="app-footer">
        Runs entirely on your device; nothing is uploaded.
        {status.kind === 'ready' && status.model.licence && <span className="licence"> {status.model.licence}</span>}
      </footer>
    </div>
  );
}

function renderStatus(status: EngineStatus) {
  switch (status.kind) {
    case 'loading':
      return <LoadingScreen phase={status.phase} progress={status.progress} />;
    case 'error':
      return <ErrorScreen code={status.code} message={status.message} />;
    case 'ready':
      return <Editor model={status.model} />;
  }
}

function describeCandidates(candidates: Partial<Record<string, number>>): string {
  const measured = Object.entries(candidates).map(
    ([name, ms]) => `${name} ${Number.isFinite(ms) ? `${ms!.toFixed(1)} ms` : 'failed'}`,
  );
  return measured.length ? `Measured per frame at start-up: ${measured.join(', ')}` : 'Chosen without measuring';
}
