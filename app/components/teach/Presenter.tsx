import { useEffect, useMemo } from 'react';
import { createPresenterActions, presenterCommand, type KeyPress } from '../../../src/store/editor/presenter';
import { selectModel } from '../../../src/store/editor/selectors';
import { useEditor, useEditorState } from '../../hooks/useEditor';
import './presenter.css';

// Shown while presenting. Keys are written out ("Plus"), since a "+" would read as "pressed together".
const KEYS: [keys: string[], what: string][] = [
  [['N'], 'New random face'],
  [['['], 'Previous recent face'],
  [[']'], 'Next recent face'],
  [['K', 'Space'], 'Play / pause interpolation'],
  [['1', '…', '9'], 'Choose the attribute to nudge'],
  [['+', '−'], 'Nudge that attribute'],
  [['C'], 'Camera mirror on / off'],
  [['Ctrl Z', 'Ctrl Y'], 'Undo / redo'],
  [['?'], 'All shortcuts'],
  [['P', 'Esc'], 'Leave presenter mode'],
];

const PARAM = 'present';

function keyPress(e: KeyboardEvent): KeyPress {
  const el = e.target instanceof HTMLElement ? e.target : null;
  return {
    key: e.key,
    ctrl: e.ctrlKey,
    meta: e.metaKey,
    alt: e.altKey,
    typing:
      el instanceof HTMLTextAreaElement ||
      el instanceof HTMLSelectElement ||
      (el instanceof HTMLInputElement && el.type !== 'range') ||
      el?.isContentEditable === true,
    onControl: el?.closest('button, a[href], input, summary, [role="button"], [role="slider"]') != null,
    inDialog: el?.closest('dialog[open]') != null,
  };
}

/**
 * The presenter mode toggle (P), its keyboard shortcuts and the list of them shown while presenting. The mode is kept
 * in the URL (?present), so a teacher can bookmark the app ready to present, and a reload stays in it.
 */
export function Presenter() {
  const { store, actions } = useEditor();
  const presenter = useMemo(() => createPresenterActions(store, actions), [store, actions]);
  const on = useEditorState((s) => s.presenter.on);
  const nudged = useEditorState((s) => selectModel(s)?.attributes[s.presenter.attribute]?.label ?? '');

  useEffect(() => {
    if (new URLSearchParams(location.search).has(PARAM)) presenter.setPresenting(true);
  }, [presenter]);

  useEffect(() => {
    document.documentElement.classList.toggle('presenting', on);
    const url = new URL(location.href);
    if (url.searchParams.has(PARAM) !== on) {
      if (on) url.searchParams.set(PARAM, '');
      else url.searchParams.delete(PARAM);
      history.replaceState(history.state, '', url);
    }
    return () => document.documentElement.classList.remove('presenting');
  }, [on]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const command = presenterCommand(keyPress(e), store.getState().presenter.on);
      if (!command || (command.kind === 'toggle' && e.repeat)) return;
      e.preventDefault();
      presenter.run(command);
    };
    // Focusing a slider makes its attribute the one + and - nudge.
    const onFocus = (e: FocusEvent) => {
      const name = (e.target as HTMLElement | null)?.closest?.('[data-attribute]')?.getAttribute('data-attribute');
      const index = selectModel(store.getState())?.attributes.findIndex((a) => a.name === name) ?? -1;
      if (name && index >= 0) presenter.selectAttribute(index);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocus);
    };
  }, [store, presenter]);

  return (
    <div className="presenter">
      <button
        type="button"
        className="presenter-toggle"
        aria-pressed={on}
        aria-keyshortcuts="P"
        onClick={() => presenter.setPresenting(!on)}
        title="Large face and big controls for a class (P)"
      >
        Presenter mode
      </button>
      {on && (
        <aside className="presenter-keys" aria-labelledby="presenter-keys-title" data-testid="presenter-keys">
          <h2 id="presenter-keys-title">Keys</h2>
          <dl>
            {KEYS.map(([keys, what]) => (
              <div key={what}>
                <dt>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' '}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
          <p className="presenter-nudged" data-testid="presenter-nudged">
            Nudging: <strong>{nudged}</strong>
          </p>
        </aside>
      )}
    </div>
  );
}
