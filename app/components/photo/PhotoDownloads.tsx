import { useState } from 'react';
import { useActions, usePhotoActions } from '../../hooks/useEditor';
import { canShareFiles, canvasOf, encodeCanvas, saveBlob, shareOrSave } from '../../download';

type Kind = 'png' | 'jpeg' | 'face' | 'share';

/**
 * Saves the edited photo at its original width and height (PNG or JPEG), or its edited face region alone; *Share*
 * hands the whole photo (JPEG) to the system's share sheet where the browser can share files, else downloads it.
 */
export function PhotoDownloads({ name }: { name: string }) {
  const photos = usePhotoActions();
  const actions = useActions();
  const [busy, setBusy] = useState(false);
  const stem = name.replace(/\.[^.]*$/, '') || 'photo';

  const save = async (kind: Kind) => {
    const result = await photos.exportPhoto();
    if (!result) return;
    const { photo, patch } = result;
    try {
      const { bitmap, box } = patch;
      const canvas = kind === 'face' ? canvasOf(bitmap.width, bitmap.height) : canvasOf(photo.width, photo.height);
      const ctx = canvas.getContext('2d')!;
      if (kind === 'face') ctx.drawImage(bitmap, 0, 0);
      else {
        ctx.drawImage(photo, 0, 0);
        ctx.drawImage(bitmap, box.x, box.y);
      }
      const jpeg = kind === 'jpeg' || kind === 'share';
      const file = `${stem}-${kind === 'face' ? 'face' : 'edited'}.${jpeg ? 'jpg' : 'png'}`;
      const blob = await encodeCanvas(canvas, jpeg ? 'image/jpeg' : 'image/png');
      if (kind !== 'share') saveBlob(blob, file);
      else if ((await shareOrSave(blob, file)) === 'saved') {
        actions.notify({ kind: 'info', text: 'This browser cannot share files, so the photo was downloaded instead.' });
      }
    } finally {
      photo.close();
      patch.bitmap.close();
    }
  };
  const click = (kind: Kind) => () => {
    setBusy(true);
    save(kind)
      .catch((e: Error) =>
        actions.notify({ kind: 'error', text: `${kind === 'share' ? 'Sharing' : 'Download'} failed: ${e.message}` }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="group" role="group" aria-label="Save or share the edited photo">
      <button type="button" onClick={click('png')} disabled={busy} title="The whole photo, at its own size">
        Photo PNG
      </button>
      <button type="button" onClick={click('jpeg')} disabled={busy} title="The whole photo, at its own size">
        Photo JPEG
      </button>
      <button type="button" onClick={click('face')} disabled={busy} title="The edited face region, at full size">
        Face crop PNG
      </button>
      <button
        type="button"
        onClick={click('share')}
        disabled={busy}
        title={
          canShareFiles()
            ? 'Send the whole edited photo (JPEG) to another app'
            : 'This browser cannot share files: downloads the whole edited photo (JPEG)'
        }
      >
        Share…
      </button>
    </div>
  );
}
