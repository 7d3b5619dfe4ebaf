// A new custom attribute's work in the background: made orthogonal to what the model's encoder reads of the kept
// attributes (readingOrthogonal.ts), then each attribute's correlation and change measured before and after
// (customCorrelation.ts). Its progress is `customMeasuring`; its slider waits while the vector may still change.
import { AttributeVectorError, type LatentPoint } from '../../latent/attributeVector';
import type { CustomAttribute } from '../../latent/customAttributeJson';
import { CUSTOM_RANGE, measureCorrelation, sweepSize, type SweepEngine } from './customCorrelation';
import type { CustomMeasuring } from './customAttributeSlice';
import type { EditorStore } from '../editor/editorStore';
import { gradientSize, orthogonalToReadings } from './readingOrthogonal';
import { selectModel } from '../editor/selectors';

export interface MeasureDeps {
  store: EditorStore;
  engine: SweepEngine;
  /** Sets the list and saves it. */
  save: (list: CustomAttribute[]) => unknown;
  /** Lets `save` store attribute `id` from now on (its vector is final); false when it already could. */
  settle: (id: string) => boolean;
  notify: (kind: 'info' | 'error', text: string) => void;
}

export function createCustomMeasure({ store, engine, save, settle, notify }: MeasureDeps) {
  const { getState, setState } = store;
  const running = new Map<string, AbortController>();
  const update = (id: string, change: Partial<CustomAttribute>) =>
    save(getState().customAttributes.map((c) => (c.id === id ? { ...c, ...change } : c)));

  return {
    /**
     * Makes custom attribute `id` (made from `faces`, `raw` before orthogonalisation) orthogonal to the readings of
     * the model attributes at `keep`, then measures its correlations. Failures are told in a notice; an abort is not.
     */
    async measure(id: string, faces: readonly LatentPoint[], raw: Float32Array, keep: readonly number[]) {
      const model = selectModel(getState());
      const made = getState().customAttributes.find((c) => c.id === id);
      if (!model || !made) return;
      const controller = new AbortController();
      const { signal } = controller;
      running.set(id, controller);
      const first = keep.length > 0 ? gradientSize(faces.length) : 0;
      const total = first + sweepSize(faces.length);
      const progress = (phase: CustomMeasuring['phase'], done: number) =>
        setState({ customMeasuring: { id, phase, done, total } });
      progress(keep.length > 0 ? 'orthogonalising' : 'correlating', 0);
      try {
        let vector = made.vector;
        if (keep.length > 0) {
          vector = await orthogonalToReadings(engine, model.attributes, faces, { raw, start: made.vector }, keep, {
            range: CUSTOM_RANGE,
            signal,
            onProgress: (done) => progress('orthogonalising', done),
          });
          settle(id);
          update(id, { vector });
        }
        const correlation = await measureCorrelation(
          engine,
          model.attributes,
          faces,
          { before: raw, after: vector },
          { signal, onProgress: (done) => progress('correlating', first + done) },
        );
        update(id, { correlation });
      } catch (e) {
        if (signal.aborted) return;
        // Orthogonalising failed: the attribute is kept (and stored) as it was made.
        if (settle(id)) save(getState().customAttributes);
        notify(
          'error',
          e instanceof AttributeVectorError
            ? `${e.message} The slider stays orthogonal to their y axes only.`
            : `Could not measure the correlations: ${(e as Error).message}`,
        );
      } finally {
        running.delete(id);
        if (getState().customMeasuring?.id === id) setState({ customMeasuring: null });
      }
    },
    /** Stops attribute `id`'s work (it is being deleted). */
    abort(id: string): void {
      running.get(id)?.abort();
    },
  };
}
