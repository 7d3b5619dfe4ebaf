import type { ModelInfo } from '../../src/engine/protocol';
import { useEditor, useEditorState } from '../hooks/useEditor';
import { usePlayback } from '../hooks/usePlayback';
import { useUndoShortcuts } from '../hooks/useUndoShortcuts';
import { AttributePanel } from './AttributePanel';
import { CustomAttributePanel } from './CustomAttributePanel';
import { FaceCanvas } from './FaceCanvas';
import { FaceJsonPanel } from './FaceJsonPanel';
import { ShareLinkPanel } from './ShareLinkPanel';
import { ExplorePanel } from './ExplorePanel';
import { FacePanel } from './FacePanel';
import { InterpolationPanel } from './InterpolationPanel';
import { InterventionPanel } from './InterventionPanel';
import { LatentChart } from './LatentChart';
import { LatentMap } from './LatentMap';
import { SimilarFaces } from './SimilarFaces';
import { Notice } from './Notice';
import { DropOverlay } from './DropOverlay';
import { PhotoPanel } from './PhotoPanel';
import { PhotoStage } from './PhotoStage';
import { usePhotoInput } from '../hooks/usePhotoInput';
import { ShortcutsHelp } from './ShortcutsHelp';
import { Presenter } from './Presenter';
import { InversionSteps } from './InversionSteps';
import { StageToolbar } from './StageToolbar';
import { ClassPanel } from './ClassPanel';
import { LearnPanel } from './LearnPanel';

export function Editor({ model }: { model: ModelInfo }) {
  const { store, actions, photos } = useEditor();
  const dragging = usePhotoInput(photos);
  const playing = useEditorState((s) => s.interpolation.playing);
  useUndoShortcuts(actions);
  usePlayback(store, actions, playing);
  return (
    <div className="editor">
      <section className="stage" aria-label="Face">
        <PhotoStage />
        <FaceCanvas resolution={model.resolution} />
        <StageToolbar model={model} />
        <Notice />
        <ShortcutsHelp />
        <Presenter />
      </section>
      {dragging && <DropOverlay />}
      <div className="controls">
        {model.noPhotos ? (
          <p className="panel" data-testid="no-photos">
            Photos are not supported for this model: it declares neither face landmarks nor a framing, so a picture
            cannot be put the way its training images were.
          </p>
        ) : (
          <PhotoPanel />
        )}
        <InversionSteps />
        {model.classes ? <ClassPanel classes={model.classes} /> : <AttributePanel attributes={model.attributes} />}
        {(model.snapshots?.length || model.discriminator) && <LearnPanel model={model} />}
        <CustomAttributePanel model={model} />
        <FacePanel />
        <InterpolationPanel />
        <ExplorePanel attributes={model.attributes} />
        <LatentMap />
        <SimilarFaces />
        <LatentChart />
        <InterventionPanel model={model} />
        <FaceJsonPanel />
        <ShareLinkPanel />
      </div>
    </div>
  );
}
