import type { ModelInfo } from '../../../src/engine/protocol';
import { verdictLine } from '../../../src/store/editor/verdictReading';
import { useEditorState } from '../../hooks/useEditor';
import { usePictureVerdict } from '../../hooks/useVerdicts';
import { GreyPicture } from './GreyPicture';

/** The discriminator's verdict on the open photo, framed and grey as the model sees it; a hint when none is open. */
export function YourPicture({ model }: { model: ModelInfo }) {
  const crop = useEditorState((s) => s.photo?.crop ?? null);
  const judgement = usePictureVerdict(crop, model.resolution);
  const className = (c: number | null) => (c === null ? null : (model.classes?.[c] ?? `class ${c}`));
  return (
    <div className="your-picture" data-testid="your-picture">
      <h3>Your picture</h3>
      {judgement.status === 'none' && (
        <p>
          Open a photo of a garment (Choose photo…, or drop it on the picture) to see how real the discriminator finds
          it.
        </p>
      )}
      {judgement.status === 'judging' && <p>The discriminator is judging your picture…</p>}
      {judgement.status === 'error' && <p role="alert">Could not judge your picture: {judgement.message}</p>}
      {judgement.status === 'done' && (
        <div className="your-verdict" data-testid="picture-verdict" data-score={judgement.verdicts[0]!.verdict}>
          <GreyPicture pixels={judgement.pictures[0]!} label="Your picture as the discriminator sees it" />
          <p>
            {className(judgement.verdicts[0]!.asClass)
              ? `Judged as ${className(judgement.verdicts[0]!.asClass)} (the class the discriminator guesses): `
              : 'Judged: '}
            {verdictLine(judgement.verdicts[0]!.verdict)}
          </p>
        </div>
      )}
    </div>
  );
}
