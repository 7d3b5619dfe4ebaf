import { useSyncExternalStore } from 'react';
import type { ModelInfo } from '../../../src/engine/protocol';
import { useEditor, useEditorState } from '../../hooks/useEditor';
import { usePlayback } from '../../hooks/usePlayback';
import { useUndoShortcuts } from '../../hooks/useUndoShortcuts';
import { AttributePanel } from './AttributePanel';
import { CustomAttributePanel } from '../customAttributes/CustomAttributePanel';
import { FaceCanvas } from './FaceCanvas';
import { FaceJsonPanel } from './FaceJsonPanel';
import { ShareLinkPanel } from '../customAttributes/ShareLinkPanel';
import { ExplorePanel } from '../explore/ExplorePanel';
import { FacePanel } from './FacePanel';
import { InterpolationPanel } from '../explore/InterpolationPanel';
import { InterventionPanel } from '../intervention/InterventionPanel';
import { LatentChart } from '../latentMap/LatentChart';
import { LatentMap } from '../latentMap/LatentMap';
import { SimilarFaces } from '../latentMap/SimilarFaces';
import { Notice } from '../common/Notice';
import { DropOverlay } from '../photo/DropOverlay';
import { PhotoPanel } from '../photo/PhotoPanel';
import { PhotoStage } from '../photo/PhotoStage';
import { usePhotoInput } from '../../hooks/usePhotoInput';
import { ShortcutsHelp } from '../teach/ShortcutsHelp';
import { Presenter } from '../teach/Presenter';
import { InversionSteps } from '../teach/InversionSteps';
import { StageToolbar } from './StageToolbar';
import { ClassPanel } from './ClassPanel';
import { LearnPanel } from '../learn/LearnPanel';
import { CameraStage } from '../camera/CameraStage';
import { CameraContext, useCameraMirror } from '../../hooks/useCamera';

export function Editor({ model }: { model: ModelInfo }) {
  const { store, actions, photos } = useEditor();
  const dragging = usePhotoInput(photos);
  const playing = useEditorState((s) => s.interpolation.playing);
  useUndoShortcuts(actions);
  usePlayback(store, actions, playing);
  const mirror = useCameraMirror();
  const cameraOn = useSyncExternalStore(
    (l) => mirror.subscribe(l),
    () => mirror.current.phase !== 'off',
  );
  return (
    <CameraContext.Provider value={mirror}>
      <div className="editor">
        <section className={`stage${cameraOn ? ' camera-on' : ''}`} aria-label="Face">
          <CameraStage />
          {!cameraOn && <PhotoStage />}
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
    </CameraContext.Provider>
  );
}
