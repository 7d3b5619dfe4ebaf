import { useState } from 'react';
import { useActions } from '../../hooks/useEditor';

export function FaceJsonPanel() {
  const actions = useActions();
  const [text, setText] = useState('');

  const copy = async () => {
    const json = actions.faceJson();
    if (!json) return;
    try {
      await navigator.clipboard.writeText(json);
      actions.notify({ kind: 'info', text: 'Face copied to the clipboard as JSON.' });
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): leave the JSON where it can be copied by hand.
      setText(json);
      actions.notify({ kind: 'info', text: 'Clipboard unavailable: the JSON is in the box below.' });
    }
  };
  const pasteFromClipboard = async () => {
    try {
      const clip = await navigator.clipboard.readText();
      setText(clip);
      if (actions.pasteFace(clip)) setText('');
    } catch {
      actions.notify({ kind: 'error', text: 'Could not read the clipboard. Paste into the box and press Load.' });
    }
  };

  return (
    <section className="panel" aria-labelledby="json-title">
      <h2 id="json-title">Share</h2>
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          Copy face JSON
        </button>
        <button type="button" onClick={() => void pasteFromClipboard()}>
          Paste from clipboard
        </button>
      </div>
      <label htmlFor="face-json" className="small-title">
        Face JSON
      </label>
      <textarea
        id="face-json"
        rows={3}
        spellCheck={false}
        placeholder='{"model": "…", "latent": [...], "attributes": {...}}'
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <button type="button" disabled={text.trim() === ''} onClick={() => actions.pasteFace(text) && setText('')}>
        Load face from JSON
      </button>
    </section>
  );
}
