import { useActions, useEditorState } from '../../hooks/useEditor';

export function Notice() {
  const notice = useEditorState((s) => s.notice);
  const actions = useActions();
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={() => actions.notify(null)}>
        ×
      </button>
    </div>
  );
}
