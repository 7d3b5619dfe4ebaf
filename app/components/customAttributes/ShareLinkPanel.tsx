import { useEffect, useState } from 'react';
import { readShareFragment } from '../../../src/latent/shareLink';
import { MODELS, queryWithModel, unknownModelInQuery } from '../../../src/store/editor/modelChoice';
import { useCustomAttributes } from '../../hooks/useCustomAttributes';
import { useActions } from '../../hooks/useEditor';
import { useModelChoice } from '../../hooks/useModelChoice';
import './customAttributes.css';

/**
 * "Copy share link": the face on screen, its edits and custom sliders in the link's fragment (never sent to a
 * server), its model in `?model=`. Opening such a link (on load, or pasted into this tab) shows that face; a link of
 * the other model switches to it first (its editor opens the fragment once loaded); the fragment is then removed so a
 * reload does not undo later edits. A photo's face is never shared (src/store/editor/shareActions.ts).
 */
export function ShareLinkPanel() {
  const actions = useActions();
  const { share } = useCustomAttributes();
  const { modelId, switchModel } = useModelChoice();
  const [link, setLink] = useState('');

  useEffect(() => {
    const open = () => {
      const { pathname, search, hash } = window.location;
      const payload = readShareFragment(hash);
      const asked = unknownModelInQuery(search);
      if (asked !== null) {
        // A changed ?model=: say so, open nothing, and put the model actually shown back into the address.
        const known = MODELS.map((m) => `"${m.id}"`).join(' and ');
        actions.notify({
          kind: 'error',
          text:
            `This link asks for a model called "${asked}", which Latent Lab does not have (it has ${known}); ` +
            `the link may have been changed. Showing ${payload === null ? 'this model' : 'a random face'} instead.`,
        });
        window.history.replaceState(null, '', pathname + queryWithModel(search, modelId));
        return;
      }
      if (payload === null) return;
      const opened = share.openShared(payload);
      if (opened.kind === 'switch') {
        switchModel(opened.to); // keeps the fragment for the new model's editor
        return;
      }
      window.history.replaceState(null, '', pathname + search);
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [share, actions, modelId, switchModel]);

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
