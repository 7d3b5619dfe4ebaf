import { useState } from 'react';
import { useActions, usePhotoActions } from '../../hooks/useEditor';
import { canvasOf, saveCanvas } from '../../download';

type Kind = 'png' | 'jpeg' | 'face';

/** Saves the edited photo at its original width and height (PNG or JPEG), or its edited face region alone. */
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
      const type = kind === 'jpeg' ? 'image/jpeg' : 'image/png';
      const file = `${stem}-${kind === 'face' ? 'face' : 'edited'}.${kind === 'jpeg' ? 'jpg' : 'png'}`;
      await saveCanvas(canvas, type, file);
    } finally {
      photo.close();
      patch.bitmap.close();
    }
  };
  const click = (kind: Kind) => () => {
    setBusy(true);
    save(kind)
      .catch((e: Error) => actions.notify({ kind: 'error', text: `Download failed: ${e.message}` }))
      .finally(() => setBusy(false));
  };

  return (
    <div className="group" role="group" aria-label="Download the edited photo">
      <button type="button" onClick={click('png')} disabled={busy} title="The whole photo, at its own size">
        Photo PNG
      </button>
      <button type="button" onClick={click('jpeg')} disabled={busy} title="The whole photo, at its own size">
        Photo JPEG
      </button>
      <button type="button" onClick={click('face')} disabled={busy} title="The edited face region, at full size">
        Face crop PNG
      </button>
    </div>
  );
}
