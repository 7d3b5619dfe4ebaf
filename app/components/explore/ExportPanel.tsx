import { useState } from 'react';
import { animationFrames, MAX_FRAMES, MIN_FRAMES, type Animation } from '../../../src/export/animation';
import type { ExportFormat } from '../../../src/export/encodeProtocol';
import { applyOffsets } from '../../../src/latent/attributes';
import { withCustomEdits } from '../../../src/store/customAttributes/customAttributeSlice';
import type { Face } from '../../../src/store/editor/editorStore';
import { selectModel } from '../../../src/store/editor/selectors';
import { useEditor, useEditorState } from '../../hooks/useEditor';
import { useExport, type ExportState } from '../../hooks/useExport';
import { ChoiceField } from '../common/ChoiceField';
import type { Sheet } from './SheetForm';

type Kind = 'interpolation' | 'walk' | 'sweep' | 'sheet';
const SIZES = [64, 128, 256] as const;
const KINDS: Record<Kind, string> = {
  interpolation: 'Interpolation A → B',
  walk: 'Random walk',
  sweep: 'Attribute sweep',
  sheet: 'Grid or strip, face by face',
};

/** Exports an animation as GIF or WebM at a chosen size and frame count, with progress and cancel. */
export function ExportPanel({
  walkSeed,
  attribute,
  sheet,
  current,
}: {
  walkSeed: number;
  attribute: number;
  sheet: Sheet | null;
  current: () => { latent: Float32Array; attributes: Float32Array } | null;
}) {
  const { store } = useEditor();
  const interpolation = useEditorState((s) => s.interpolation);
  const [kind, setKind] = useState<Kind>('interpolation');
  const [size, setSize] = useState<number>(128);
  const [frames, setFrames] = useState(60);
  const { state, webm, start, cancel } = useExport(size);
  const canInterpolate = interpolation.a !== null && interpolation.b !== null;
  const framesOk = Number.isInteger(frames) && frames >= MIN_FRAMES && frames <= MAX_FRAMES;
  const available: Record<Kind, boolean> = {
    interpolation: canInterpolate,
    walk: true,
    sweep: true,
    sheet: sheet !== null,
  };
  const running = state.kind === 'running';

  /** The animation as chosen, from the store as it is now; null when it cannot be made. */
  const animation = (): { animation: Animation; count: number } | null => {
    const state = store.getState();
    const model = selectModel(state);
    if (!model) return null;
    // Each end with the edits on screen (sliders and custom attributes), as the Interpolate view shows it.
    const withEdits = (f: Face) =>
      withCustomEdits(
        state,
        { latent: f.latent, attributes: applyOffsets(f.attributes, state.offsets, model.attributes) },
        model.attributes,
      );
    const { a, b } = state.interpolation;
    const face = current();
    const spec = model.attributes[attribute];
    switch (kind) {
      case 'interpolation':
        return a && b ? { animation: { kind, a: withEdits(a), b: withEdits(b) }, count: frames } : null;
      case 'walk':
        return face ? { animation: { kind, start: face, seed: walkSeed, latent: model.latent }, count: frames } : null;
      case 'sweep':
        return face && spec
          ? { animation: { kind, face, attribute, from: spec.min, to: spec.max }, count: frames }
          : null;
      case 'sheet':
        return sheet && { animation: sheet.animation, count: sheet.count };
    }
  };
  const run = (format: ExportFormat) => {
    const chosen = animation();
    if (!chosen) return;
    void start(animationFrames(chosen.animation, chosen.count), format, `latent-lab-${kind}-${size}px.${format}`);
  };
  const ready = available[kind] && (kind === 'sheet' || framesOk) && !running;

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export animation</h2>
      <div className="explore-row">
        <ChoiceField
          label="Animation"
          value={kind}
          disabled={running}
          options={(Object.keys(KINDS) as Kind[]).map((k) => ({ value: k, label: KINDS[k], disabled: !available[k] }))}
          onChange={(k) => k !== null && setKind(k)}
        />
        <ChoiceField
          label="Size"
          name="Export size"
          value={size}
          disabled={running}
          options={SIZES.map((s) => ({ value: s, label: `${s} px` }))}
          onChange={(s) => s !== null && setSize(s)}
        />
        <label className="explore-field" htmlFor="export-frames">
          Frames
          <input
            id="export-frames"
            type="number"
            min={MIN_FRAMES}
            max={MAX_FRAMES}
            value={kind === 'sheet' && sheet ? sheet.count : frames}
            disabled={running || kind === 'sheet'}
            aria-invalid={!framesOk}
            onChange={(e) => setFrames(e.currentTarget.valueAsNumber)}
          />
        </label>
      </div>
      <div className="explore-row">
        <button type="button" className="primary" disabled={!ready} onClick={() => run('gif')}>
          Export GIF
        </button>
        <button type="button" className="primary" disabled={!ready || !webm?.ok} onClick={() => run('webm')}>
          Export WebM
        </button>
        {running && (
          <button type="button" onClick={cancel}>
            Cancel export
          </button>
        )}
      </div>
      {webm && !webm.ok && (
        <p className="muted small" role="note">
          {webm.reason}
        </p>
      )}
      <ExportStatus
        state={state}
        hint={available[kind] ? null : hint(kind)}
        badFrames={!framesOk && kind !== 'sheet'}
      />
    </section>
  );
}

function hint(kind: Kind): string {
  return kind === 'interpolation'
    ? 'Choose faces A and B under Interpolate first.'
    : 'Make a grid or a strip under Explore first.';
}

function ExportStatus({ state, hint, badFrames }: { state: ExportState; hint: string | null; badFrames: boolean }) {
  if (state.kind === 'running') {
    const what = state.phase === 'render' ? 'Rendering' : `Encoding ${state.format === 'gif' ? 'GIF' : 'WebM'}`;
    return (
      <div className="export-progress" role="status">
        <progress max={state.total} value={state.done} aria-label="Export progress" />
        <span className="small">
          {what}: frame {state.done} of {state.total}
        </span>
      </div>
    );
  }
  const text = badFrames
    ? `Frames: a whole number from ${MIN_FRAMES} to ${MAX_FRAMES}.`
    : (hint ??
      (state.kind === 'saved'
        ? `Saved ${state.filename} (${Math.max(1, Math.round(state.bytes / 1024))} KB).`
        : state.kind === 'cancelled'
          ? 'Export cancelled.'
          : state.kind === 'failed'
            ? state.message
            : 'GIF and WebM play at 20 frames per second.'));
  const error = badFrames || state.kind === 'failed';
  return (
    <p className={error ? 'field-error' : 'muted small'} role="status">
      {text}
    </p>
  );
}
