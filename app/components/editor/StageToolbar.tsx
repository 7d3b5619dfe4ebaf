import type { ModelInfo } from '../../../src/engine/protocol';
import { useEditor, useEditorState } from '../../hooks/useEditor';
import { downloadPng } from '../../download';

export function StageToolbar({ model }: { model: ModelInfo }) {
  const { actions, engine } = useEditor();
  const canUndo = useEditorState((s) => s.past.length > 0);
  const canRedo = useEditorState((s) => s.future.length > 0);
  const faceName = useEditorState((s) => (s.face?.source.kind === 'random' ? `seed-${s.face.source.seed}` : 'face'));
  const sizes = [...new Set([model.resolution, 256, 512])];

  const download = (size: number) => {
    const frame = engine.latestFrame;
    if (!frame) return;
    downloadPng(frame, size, `latent-lab-${faceName}-${size}.png`).catch((e: Error) =>
      actions.notify({ kind: 'error', text: `Download failed: ${e.message}` }),
    );
  };
  const hold = (on: boolean) => () => actions.setComparing(on);

  return (
    <div className="toolbar" role="toolbar" aria-label="Face tools">
      <div className="group">
        <button type="button" onClick={() => actions.undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => actions.redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
      </div>
      <button
        type="button"
        className="compare"
        onPointerDown={hold(true)}
        onPointerUp={hold(false)}
        onPointerLeave={hold(false)}
        onPointerCancel={hold(false)}
        onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && !e.repeat && actions.setComparing(true)}
        onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && actions.setComparing(false)}
        onBlur={hold(false)}
        title="Hold to see the face before your edits"
      >
        Hold to compare
      </button>
      <div className="group" aria-label="Download PNG">
        {sizes.map((size) => (
          <button key={size} type="button" onClick={() => download(size)} title={`Download a ${size}×${size} PNG`}>
            PNG {size}
          </button>
        ))}
      </div>
    </div>
  );
}
