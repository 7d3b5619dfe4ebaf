import { selectModel, selectPhotoView } from '../../../src/store/editor/selectors';
import { useEditorState } from '../../hooks/useEditor';
import { usePhotoBitmap } from '../../hooks/usePhotoBitmap';
import { GarmentStage } from './GarmentStage';
import { PhotoCompare } from './PhotoCompare';
import { PhotoDownloads } from './PhotoDownloads';
import { PhotoOverview } from './PhotoOverview';

/**
 * With a photo open and its face on screen: the photo itself, edited (face region large, whole photo beside); for a
 * garment picture, the framed picture beside the model's own garment (GarmentStage).
 */
export function PhotoStage() {
  const shown = useEditorState(selectPhotoView);
  const garment = useEditorState((s) => s.photo?.garment !== undefined);
  const file = useEditorState((s) => s.photo?.file ?? null);
  const name = useEditorState((s) => s.photo?.name ?? '');
  const width = useEditorState((s) => s.photo?.width ?? 0);
  const height = useEditorState((s) => s.photo?.height ?? 0);
  const garments = useEditorState((s) => selectModel(s)?.framesGarments === true);
  // Decoded as soon as the photo is open (while its face is found), not once it is shown: a 12-megapixel photo's
  // decode holds the page's main thread long enough to delay the first slider moves (bench/results/choices.md).
  const bitmap = usePhotoBitmap(garments ? null : file, width, height);
  if (!shown) return null;
  if (garment) return <GarmentStage />;
  return (
    <div className="photo-stage" data-testid="photo-stage">
      <PhotoCompare photo={bitmap} />
      <div className="photo-side">
        <PhotoOverview photo={bitmap} name={name} />
        <PhotoDownloads name={name} />
      </div>
    </div>
  );
}
