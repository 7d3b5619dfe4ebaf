import { useEffect } from 'react';
import type { EditorActions } from '../../src/store/editor/actions';

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes; text fields keep their own undo. */
export function useUndoShortcuts(actions: EditorActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement | null;
      const typing =
        target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'range');
      if (typing) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) actions.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') actions.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
