import { useRef } from 'react';
import { useEditorState, usePhotoActions } from '../hooks/useEditor';
import { BitmapView } from './BitmapView';
import { Explain } from './Explain';
import { PhotoPreview } from './PhotoPreview';

const STATUS = {
  detecting: 'Finding the face…',
  refining: 'Refining the reconstruction…',
  done: 'Done: the photo is now the current face. Edit it with the sliders.',
  'no-face': 'No face found.',
  failed: 'Something went wrong.',
} as const;

export function PhotoPanel() {
  const photos = usePhotoActions();
  const photo = useEditorState((s) => s.photo);
  const input = useRef<HTMLInputElement>(null);
  const busy = photo?.phase === 'detecting' || photo?.phase === 'refining';
  return (
    <section className="panel" aria-labelledby="photo-title">
      <div className="panel-title">
        <h2 id="photo-title">Your photo</h2>
        <Explain topic="inversion" />
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Choose photo…
        </button>
        <input
          ref={input}
          type="file"
          accept="image/*"
          hidden
          data-testid="photo-input"
          onChange={(e) => {
            void photos.openPhoto([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
        {photo && (
          <button type="button" onClick={photos.closePhoto}>
            Close photo
          </button>
        )}
      </div>
      <p className="muted small">Or drop or paste one anywhere. It is processed on this device and never uploaded.</p>
      {photo && (
        <>
          <PhotoPreview key={photo.url} photo={photo} />
          <p className="small" data-testid="photo-status" data-phase={photo.phase} role="status">
            {photo.phase === 'no-face' || photo.phase === 'failed' ? photo.message : STATUS[photo.phase]}
            {photo.phase === 'done' && photo.reason === 'cancelled' && ' (stopped early)'}
          </p>
          {photo.crop && (
            <div className="photo-result">
              <figure className="crop-figure" data-testid="aligned-crop" data-align-error={photo.alignError ?? ''}>
                <BitmapView bitmap={photo.crop} size={128} label="Aligned crop" />
                <figcaption className="muted small">
                  {photo.alignError === null
                    ? 'Cropped by hand'
                    : `Aligned (landmarks within ${photo.alignError.toFixed(1)} px)`}
                </figcaption>
              </figure>
              <div className="photo-progress">
                <progress max={photo.maxSteps || 1} value={photo.step} aria-label="Refinement progress" />
                <p
                  className="small"
                  data-testid="photo-psnr"
                  data-psnr={photo.psnr ?? ''}
                  data-first-psnr={photo.firstPsnr ?? ''}
                >
                  {photo.psnr === null
                    ? 'Encoding…'
                    : `Reconstruction ${photo.psnr.toFixed(1)} dB (encoder ${photo.firstPsnr?.toFixed(1)} dB) · step ${photo.step}/${photo.maxSteps}`}
                </p>
                {busy && (
                  <button type="button" onClick={photos.cancelPhoto}>
                    Stop refining
                  </button>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
