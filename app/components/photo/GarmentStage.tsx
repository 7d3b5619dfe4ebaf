import { downloadPng } from '../../download';
import { useActions, useEditorState } from '../../hooks/useEditor';
import { BitmapView } from '../common/BitmapView';
import './garmentPhoto.css';

/**
 * With a garment picture open and its garment on screen: the picture as the model was given it (framed, grey, 32 px)
 * beside the model's own garment below. Nothing is pasted back: a 32 px grey model has no photo to return to.
 */
export function GarmentStage() {
  const crop = useEditorState((s) => s.photo?.crop ?? null);
  const name = useEditorState((s) => s.photo?.name ?? '');
  const inverted = useEditorState((s) => s.photo?.garment?.inverted ?? false);
  const actions = useActions();
  const stem = name.replace(/\.[^.]*$/, '') || 'picture';
  const save = () => {
    if (!crop) return;
    downloadPng(crop, 256, `${stem}-framed.png`).catch((e: Error) =>
      actions.notify({ kind: 'error', text: `Download failed: ${e.message}` }),
    );
  };
  return (
    <div className="garment-stage" data-testid="garment-stage">
      <figure className="garment-input">
        <BitmapView bitmap={crop} size={128} label={`Your picture, ${name}, framed as the model sees it`} />
        <figcaption className="small">
          <strong>Given to the model:</strong> {name}, centred, 28 px on its longer side, grey
          {inverted ? ', and negated (its light background made black)' : ''}.
        </figcaption>
      </figure>
      <p className="small garment-note">
        <strong>Below, the model&apos;s own garment</strong> for it: a 32 px grey model has no photo to paste an edit
        back into, so what you edit is its reconstruction.
      </p>
      <div className="group">
        <button type="button" onClick={save} disabled={!crop} title="The framed picture, 256 px">
          Framed picture PNG
        </button>
      </div>
    </div>
  );
}
