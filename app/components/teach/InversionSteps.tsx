import { useEffect, useMemo, useRef } from 'react';
import { selectPhotoView } from '../../../src/store/editor/selectors';
import { createStepThroughActions, curvePoints, type TracePoint } from '../../../src/store/editor/stepThrough';
import { useEditor, useEditorState } from '../../hooks/useEditor';
import { BitmapView } from '../common/BitmapView';
import './inversionSteps.css';

const SIZE = 112;
const CURVE = { width: 240, height: 64 };

/**
 * The open photo's inversion, one refinement step at a time: the aligned photo beside its reconstruction, the loss and
 * PSNR of each reported step with a small curve, and Pause / Step / Resume.
 */
export function InversionSteps() {
  const { store, engine } = useEditor();
  const steps = useMemo(() => createStepThroughActions(store, engine), [store, engine]);
  useEffect(() => steps.follow(), [steps]);
  const { trace, paused, startPaused } = useEditorState((s) => s.stepThrough);
  const crop = useEditorState((s) => s.photo?.crop ?? null);
  const garment = useEditorState((s) => s.photo?.garment !== undefined);
  const maxSteps = useEditorState((s) => s.photo?.maxSteps ?? 0);
  const phase = useEditorState((s) => s.photo?.phase ?? null);
  const refining = phase === 'refining';
  const running = refining || phase === 'detecting';
  const last = trace.at(-1);

  return (
    <section className="panel inversion-steps" aria-labelledby="steps-title" data-testid="inversion-steps">
      {/* The inversion's "?" sits in the photo panel just above; a second one here would be the same button twice. */}
      <h2 id="steps-title">Inversion step by step</h2>
      <label className="steps-option">
        <input type="checkbox" checked={startPaused} onChange={(e) => steps.setStartPaused(e.currentTarget.checked)} />{' '}
        Pause each new photo at the encoder’s first guess
      </label>
      {(phase !== null || paused) && (
        <div className="row" role="group" aria-label="Refinement">
          <button type="button" onClick={steps.pause} disabled={!running || paused}>
            Pause
          </button>
          <button type="button" onClick={steps.step} disabled={!refining || !paused}>
            Step
          </button>
          <button type="button" onClick={steps.resume} disabled={!paused}>
            Resume
          </button>
        </div>
      )}
      {paused && !running && (
        <p className="muted small">Paused: the next photo will wait at the encoder’s first guess.</p>
      )}
      {!last ? (
        <p className="muted small">Open a photo to watch the app fit the generator to it, step by step.</p>
      ) : (
        <>
          <div className="steps-images">
            <figure>
              <BitmapView
                bitmap={crop}
                size={SIZE}
                label={`Target: the ${garment ? 'framed picture' : 'aligned photo'}`}
              />
              <figcaption className="muted small">Target</figcaption>
            </figure>
            <figure>
              <Reconstruction />
              <figcaption className="muted small">Reconstruction</figcaption>
            </figure>
          </div>
          <p
            className="steps-readout"
            role="status"
            data-testid="steps-readout"
            data-step={last.step}
            data-loss={last.loss ?? ''}
            data-psnr={last.psnr}
            data-points={trace.length}
            data-paused={paused}
          >
            Step <strong>{last.step}</strong>
            {maxSteps > 0 && ` of ${maxSteps}`} · loss <strong>{formatLoss(last.loss)}</strong> · PSNR{' '}
            <strong>{last.psnr.toFixed(2)} dB</strong>
            {paused && ' · paused'}
          </p>
          <LossCurve trace={trace} />
          {paused && refining && (
            <p className="muted small">
              Running, the engine reports only every few steps; paused, each Step runs one step and reports it, so the
              first Step after a pause mid-run shows the step it had reached.
            </p>
          )}
          <details className="steps-table">
            <summary className="small">Every reported step ({trace.length})</summary>
            <table className="small">
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Loss</th>
                  <th scope="col">PSNR (dB)</th>
                </tr>
              </thead>
              <tbody>
                {trace.map((p) => (
                  <tr key={p.step}>
                    <td>{p.step}</td>
                    <td>{formatLoss(p.loss)}</td>
                    <td>{p.psnr.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

const formatLoss = (loss: number | null) => (loss === null ? '–' : loss.toPrecision(3));

function LossCurve({ trace }: { trace: TracePoint[] }) {
  const points = curvePoints(trace, CURVE.width, CURVE.height);
  const first = trace[0];
  const last = trace.at(-1);
  const byLoss = trace.every((p) => p.loss !== null);
  const what = byLoss ? 'Loss' : 'PSNR';
  const value = (p: TracePoint) => (byLoss ? formatLoss(p.loss) : `${p.psnr.toFixed(1)} dB`);
  const label =
    first && last && points
      ? `${what} by step: ${value(first)} at step ${first.step}, ${value(last)} at step ${last.step}`
      : `${what} curve: needs two steps`;
  return (
    <svg
      className="steps-curve"
      viewBox={`-2 -2 ${CURVE.width + 4} ${CURVE.height + 4}`}
      role="img"
      aria-label={label}
      data-testid="loss-curve"
    >
      <line x1={0} y1={CURVE.height} x2={CURVE.width} y2={CURVE.height} className="axis" />
      {points && <polyline points={points} />}
    </svg>
  );
}

/** The generated face as the engine draws it: while the photo is on screen, its reconstruction at the latest step. */
function Reconstruction() {
  const { engine } = useEditor();
  const shown = useEditorState(selectPhotoView);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !shown) return;
    const draw = (bitmap: ImageBitmap) => ctx.drawImage(bitmap, 0, 0, el.width, el.height);
    if (engine.latestFrame) draw(engine.latestFrame);
    return engine.onFrame(draw);
  }, [engine, shown]);
  return (
    <canvas
      ref={canvas}
      width={SIZE}
      height={SIZE}
      className="bitmap-view"
      role="img"
      aria-label="Reconstruction at the latest step"
    />
  );
}
