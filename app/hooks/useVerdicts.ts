import { useEffect, useMemo, useState } from 'react';
import type { EngineClient } from '../../src/engine/client/engineClient';
import type { Judged, ModelInfo } from '../../src/engine/protocol';
import { greyFromRgba } from '../../src/photo/greyPicture';
import { useEditor } from './useEditor';

/** The discriminator's verdicts on some pictures, as they arrive. */
export type Judgement =
  { status: 'none' } | { status: 'judging' } | ({ status: 'done' } & Judged) | { status: 'error'; message: string };

/**
 * Asks `ask` once per `key` (null: nothing to judge) and gives its answer; until it lands, 'judging'. An answer for
 * an older key is never shown.
 */
function useJudgement<K>(key: K | null, ask: (engine: EngineClient, key: K) => Promise<Judged>): Judgement {
  const { engine } = useEditor();
  const [answer, setAnswer] = useState<{ key: K; judgement: Judgement } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    Promise.resolve()
      .then(() => ask(engine, key))
      .then(
        (judged) => live && setAnswer({ key, judgement: { status: 'done', ...judged } }),
        (e: unknown) =>
          live &&
          setAnswer({ key, judgement: { status: 'error', message: e instanceof Error ? e.message : String(e) } }),
      );
    return () => {
      live = false;
    };
    // `ask` is a module-level function below; the key alone says what to judge.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, key]);
  if (key === null) return { status: 'none' };
  return answer?.key === key ? answer.judgement : { status: 'judging' };
}

const askTestImages = (engine: EngineClient, count: number) =>
  engine.judge({ testImages: Array.from({ length: count }, (_, i) => i) });

/** D's verdicts on every real test image the model ships (each as its own class), asked once per model. */
export function useTestImageVerdicts(model: ModelInfo): Judgement {
  return useJudgement(model.testImages?.length || null, askTestImages);
}

/** `bitmap` at `resolution` px in grey bytes (0 = black), as the discriminator takes it. */
function greyAt(bitmap: ImageBitmap, resolution: number): Uint8Array {
  const canvas = new OffscreenCanvas(resolution, resolution);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot read the picture (no 2-D canvas).');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, resolution, resolution);
  return greyFromRgba(ctx.getImageData(0, 0, resolution, resolution).data);
}

const askPicture = (engine: EngineClient, { bitmap, resolution }: { bitmap: ImageBitmap; resolution: number }) =>
  engine.judge({ pictures: [greyAt(bitmap, resolution)] });

/** D's verdict on a picture (the open photo's crop, not closed here) as D's own class guess; 'none' without one. */
export function usePictureVerdict(bitmap: ImageBitmap | null, resolution: number): Judgement {
  // One key object per picture, so the effect runs once per picture, not once per render.
  const key = useMemo(() => (bitmap ? { bitmap, resolution } : null), [bitmap, resolution]);
  return useJudgement(key, askPicture);
}
