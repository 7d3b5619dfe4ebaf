import type { ModelInfo } from '../../../src/engine/protocol';
import { realProbability, verdictLine, verdictSummary, verdictWords } from '../../../src/store/editor/verdictReading';
import { useTestImageVerdicts } from '../../hooks/useVerdicts';
import { Explain } from '../teach/Explain';
import { GreyPicture } from './GreyPicture';

/**
 * Real or generated? The discriminator's verdict on the generated image on screen beside its verdicts on real test
 * images the model ships (one of each class shown; the summary covers all of them).
 */
export function RealOrGenerated({ model, verdict }: { model: ModelInfo; verdict: number | null }) {
  const judgement = useTestImageVerdicts(model);
  const labels = model.testImages ?? [];
  const className = (c: number | null) => (c === null ? 'unknown class' : (model.classes?.[c] ?? `class ${c}`));
  const shown = labels.flatMap((label, i) => (labels.indexOf(label) === i ? [i] : []));
  return (
    <div className="real-or-generated">
      <div className="panel-title">
        <h3>Real or generated?</h3>
        <Explain topic="verdict" label="what the verdict means" />
      </div>
      <div className="verdict" data-testid="verdict" data-score={verdict ?? ''}>
        {verdict === null ? (
          'The discriminator has not judged this generated image yet.'
        ) : (
          <>
            <meter min={0} max={1} value={realProbability(verdict)} aria-label="How real the discriminator finds it" />
            <span>This generated image: {verdictLine(verdict)}</span>
          </>
        )}
      </div>
      {labels.length > 0 && judgement.status === 'done' && (
        <>
          <RealSummary scores={judgement.verdicts.map((v) => v.verdict)} />
          <ul className="real-strip" aria-label="Real test images and the discriminator's verdict on each">
            {shown.map((i) => {
              const v = judgement.verdicts[i]!;
              const name = className(v.asClass);
              return (
                <li key={i} data-testid="real-verdict" data-index={i} data-score={v.verdict}>
                  <GreyPicture pixels={judgement.pictures[i]!} label={`Real test image: ${name}`} />
                  <span className="real-class">{name}</span>
                  <span title={verdictWords(v.verdict)}>{Math.round(realProbability(v.verdict) * 100)}% real</span>
                  <span className="real-words">
                    {verdictWords(v.verdict)} ({v.verdict.toFixed(2)})
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {labels.length > 0 && judgement.status === 'judging' && <p>The discriminator is judging real test images…</p>}
      {judgement.status === 'error' && <p role="alert">Could not judge the real test images: {judgement.message}</p>}
    </div>
  );
}

function RealSummary({ scores }: { scores: number[] }) {
  const { mean, leaningReal } = verdictSummary(scores);
  return (
    <p data-testid="real-summary" data-mean={mean}>
      Real test images ({scores.length}, never seen in training): on average {verdictLine(mean)}; {leaningReal} of{' '}
      {scores.length} lean real.
    </p>
  );
}
