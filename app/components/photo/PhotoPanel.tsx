import { useRef, useSyncExternalStore, type ChangeEvent } from 'react';
import { selectModel } from '../../../src/store/editor/selectors';
import { useEditorState, usePhotoActions } from '../../hooks/useEditor';
import { useModelChoice } from '../../hooks/useModelChoice';
import { BitmapView } from '../common/BitmapView';
import { Explain } from '../teach/Explain';
import { PhotoPreview } from './PhotoPreview';
import './garmentPhoto.css';
import { CameraButton } from '../camera/CameraButton';

const STATUS = {
  detecting: 'Finding the face…',
  refining: 'Refining the reconstruction…',
  done: 'Done: the photo is now the current face. Edit it with the sliders.',
  'no-face': 'No face found.',
  failed: 'Something went wrong.',
} as const;
const GARMENT_STATUS = {
  ...STATUS,
  detecting: 'Looking for the garment…',
  done: 'Done: the garment is now the current one. Change its class, or interpolate it with another.',
} as const;

/** A touch screen (a phone, a tablet): where a camera button is worth offering beside the gallery. */
const COARSE = '(pointer: coarse)';
function subscribeCoarse(onChange: () => void): () => void {
  const query = matchMedia(COARSE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const useTouchScreen = () => useSyncExternalStore(subscribeCoarse, () => matchMedia(COARSE).matches);

export function PhotoPanel() {
  const photos = usePhotoActions();
  const photo = useEditorState((s) => s.photo);
  const garments = useEditorState((s) => selectModel(s)?.framesGarments ?? false);
  const { switchModel } = useModelChoice();
  const status = garments ? GARMENT_STATUS : STATUS;
  const input = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const touch = useTouchScreen();
  const open = (e: ChangeEvent<HTMLInputElement>) => {
    void photos.openPhoto([...(e.currentTarget.files ?? [])]);
    e.currentTarget.value = '';
  };
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
        <input ref={input} type="file" accept="image/*" hidden data-testid="photo-input" onChange={open} />
        {!garments && <CameraButton />}
        {/* On a phone "Choose photo" offers the gallery (and the camera, in most systems' sheets); this one goes
            straight to the camera, facing the person. */}
        {touch && (
          <>
            <button type="button" onClick={() => camera.current?.click()}>
              Take a photo…
            </button>
            <input
              ref={camera}
              type="file"
              accept="image/*"
              capture="user"
              hidden
              data-testid="photo-camera-input"
              onChange={open}
            />
          </>
        )}
        {photo && (
          <button type="button" onClick={photos.closePhoto}>
            Close photo
          </button>
        )}
      </div>
      <p className="muted small">Or drop or paste one anywhere. It is processed on this device and never uploaded.</p>
      {garments && (
        <div className="row" data-testid="garment-hint">
          <p className="small">
            A garment on a plain background: a product photo (dark or colourful on white) or a light garment on black.
            It is framed as Fashion-MNIST was made: centred, 28 px on its longer side, grey. Faces belong to the faces
            model.
          </p>
          <button type="button" onClick={() => switchModel('celeba64')}>
            Switch to the faces model
          </button>
        </div>
      )}
      {photo && (
        <>
          <PhotoPreview key={photo.url} photo={photo} />
          <p className="small" data-testid="photo-status" data-phase={photo.phase} role="status">
            {photo.phase === 'no-face' || photo.phase === 'failed' ? photo.message : status[photo.phase]}
            {photo.phase === 'done' && photo.reason === 'cancelled' && ' (stopped early)'}
          </p>
          {photo.crop && (
            <div className="photo-result">
              <figure
                className={`crop-figure${photo.garment ? ' garment' : ''}`}
                data-testid="aligned-crop"
                data-align-error={photo.alignError ?? ''}
              >
                <BitmapView bitmap={photo.crop} size={128} label={photo.garment ? 'Framed picture' : 'Aligned crop'} />
                <figcaption className="muted small">
                  {photo.garment
                    ? `Framed${photo.garment.inverted ? ' and negated' : ''}, ${photo.crop.width} px grey`
                    : photo.alignError === null
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
