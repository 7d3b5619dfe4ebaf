import { useEffect, useState } from 'react';
import { readShareFragment } from '../../src/latent/shareLink';
import { useCustomAttributes } from '../hooks/useCustomAttributes';
import { useActions } from '../hooks/useEditor';
import './customAttributes.css';

/**
 * "Copy share link": the face on screen, its edits and custom sliders in the link's fragment (never sent to a
 * server). Opening such a link (on load, or pasted into this tab) shows that face; the fragment is then removed so a
 * reload does not undo later edits. A photo's face is never shared (src/store/shareActions.ts).
 */
export function ShareLinkPanel() {
  const actions = useActions();
  const { share } = useCustomAttributes();
  const [link, setLink] = useState('');

  useEffect(() => {
    const open = () => {
      const payload = readShareFragment(window.location.hash);
      if (payload === null) return;
      share.openShared(payload);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [share]);

  const copy = async () => {
    const result = share.shareLink(window.location.href);
    if (!result.ok) {
      setLink('');
      actions.notify({ kind: 'error', text: result.reason });
      return;
    }
    setLink(result.link);
    try {
      await navigator.clipboard.writeText(result.link);
      actions.notify({ kind: 'info', text: 'Share link copied. Anyone with this model sees exactly this face.' });
    } catch {
      actions.notify({ kind: 'info', text: 'Clipboard unavailable: the link is in the box below.' });
    }
  };

  return (
    <section className="panel" aria-labelledby="share-link-title">
      <h2 id="share-link-title">Share link</h2>
      <p className="muted small">
        The face, your slider edits and custom sliders, in the link itself. Faces from your photos are never shared.
      </p>
      <button type="button" onClick={() => void copy()}>
        Copy share link
      </button>
      {link && (
        <>
          <label htmlFor="share-link" className="small-title">
            Link
          </label>
          <input
            id="share-link"
            className="share-link-field"
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      )}
    </section>
  );
}
