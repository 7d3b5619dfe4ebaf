import { useEffect, useRef } from 'react';

// "Ctrl+Z": keys pressed together; "Home / End": either key.
const SHORTCUTS: [keys: string, what: string][] = [
  ['?', 'Show this list'],
  ['Ctrl+Z', 'Undo (⌘ instead of Ctrl on a Mac)'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'Redo'],
  ['← / →', 'Move the focused slider a step (↑ and ↓ too)'],
  ['Page Up / Page Down', 'Move the focused slider a big step'],
  ['Home / End', 'Focused slider to its minimum or maximum'],
  ['Space', 'Held on “Hold to compare”: the face before your edits'],
  ['Ctrl+V', 'Paste a photo (or drop one anywhere)'],
  ['Tab / Shift+Tab', 'Next or previous control'],
  ['P', 'Presenter mode on or off (its own keys are listed while presenting)'],
  ['Esc', 'Close this list'],
];

const typing = (el: EventTarget | null) =>
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLInputElement && el.type !== 'range') ||
  (el instanceof HTMLElement && el.isContentEditable);

function Keys({ keys }: { keys: string }) {
  return keys.split(' / ').map((combo, i) => (
    <span key={combo}>
      {i > 0 && ' / '}
      {combo.split('+').map((k, j) => (
        <span key={k}>
          {j > 0 && '+'}
          <kbd>{k}</kbd>
        </span>
      ))}
    </span>
  ));
}

/** A "Keyboard shortcuts" button, and the list it opens; the "?" key opens it from anywhere but a text field. */
export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      e.preventDefault();
      if (!dialog.current?.open) dialog.current?.showModal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        className="shortcuts-open"
        onClick={() => dialog.current?.showModal()}
        aria-keyshortcuts="?"
      >
        Keyboard shortcuts
      </button>
      <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <Keys keys={keys} />
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </dialog>
    </>
  );
}
