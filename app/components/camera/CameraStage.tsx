import { useEffect, useRef, useState } from 'react';
import { encodeFrames } from '../../../src/export/exportAnimation';
import { webmSupport } from '../../../src/export/support';
import { saveBlob } from '../../download';
import { useCamera, useCameraView } from '../../hooks/useCamera';
import { useEditorState } from '../../hooks/useEditor';
import { MAX_CLIP_SECONDS } from '../../camera/cameraMirror';
import './camera.css';

/**
 * The live mirror on the stage: the edited video (shown mirrored, as a mirror is; saved the right way round), the
 * camera's state in words, the choice of camera, recording a clip and saving a still. Also what a refused or missing
 * camera means, until dismissed.
 */
export function CameraStage() {
  const mirror = useCamera();
  const view = useCameraView();
  const canvas = useRef<HTMLCanvasElement>(null);
  const presenting = useEditorState((s) => s.presenter.on);
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    mirror.attach(canvas.current);
    return () => mirror.attach(null);
  }, [mirror, view.phase]);

  // In presenter mode, C turns the mirror on and off (not while typing in a field).
  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (e.ctrlKey || e.metaKey || e.altKey || el?.closest('input:not([type=range]), textarea, select')) return;
      if (e.key !== 'c' && e.key !== 'C') return;
      e.preventDefault();
      if (mirror.current.phase === 'live' || mirror.current.phase === 'starting') mirror.stop();
      else void mirror.start();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mirror, presenting]);

  if (view.phase === 'off') return null;
  if (view.phase === 'error') {
    return (
      <div className="camera-stage" data-testid="camera-stage" data-camera-phase="error">
        <p role="alert" className="camera-error" data-testid="camera-error">
          {view.message}
        </p>
        <div className="row">
          <button type="button" onClick={() => void mirror.start()}>
            Try again
          </button>
          <button type="button" onClick={() => mirror.stop()}>
            Dismiss
          </button>
        </div>
      </div>
    );
  }

  const saveStill = async () => {
    const blob = await mirror.still();
    if (blob) saveBlob(blob, 'latent-lab-camera.png');
  };
  const saveClip = async () => {
    const clip = mirror.takeClip();
    if (!clip) return;
    setSaving('Encoding the clip…');
    try {
      const support = await webmSupport(Math.max(view.width, view.height));
      if (!support.ok) {
        clip.frames.forEach((f) => f.close());
        setSaving(support.reason);
        return;
      }
      saveBlob(await encodeFrames(clip.frames, 'webm', clip.fps, support.codec), 'latent-lab-camera.webm');
      setSaving(null);
    } catch (e) {
      setSaving(`Could not save the clip: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const status =
    view.phase === 'starting'
      ? 'Starting the camera…'
      : !view.face
        ? 'Looking for a face… (face the camera, in good light)'
        : view.recording
          ? `Recording… ${view.recorded.toFixed(1)} s of ${MAX_CLIP_SECONDS}`
          : 'Live: move a slider to edit your face. Nothing is recorded or sent anywhere.';

  return (
    <div className="camera-stage" data-testid="camera-stage" data-camera-phase={view.phase}>
      <div className="camera-view">
        <canvas
          ref={canvas}
          className="camera-canvas"
          data-testid="camera-canvas"
          aria-label="Your camera, edited live"
          width={view.width || 640}
          height={view.height || 480}
        />
        {view.recording && <span className="badge camera-rec">● REC</span>}
      </div>
      <p
        className="small"
        data-testid="camera-status"
        data-face={view.face ? view.face.how : 'none'}
        aria-live="polite"
      >
        {status}
      </p>
      <div className="row camera-tools">
        {view.devices.length > 1 && (
          <label>
            Camera{' '}
            <select
              data-testid="camera-device"
              value={view.deviceId ?? ''}
              onChange={(e) => void mirror.start(e.currentTarget.value)}
            >
              {view.devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => mirror.rereadFace()} disabled={view.phase !== 'live'}>
          Re-read my face
        </button>
        {view.recording ? (
          <button type="button" data-testid="camera-record" onClick={() => mirror.stopRecording()}>
            Stop recording
          </button>
        ) : (
          <button
            type="button"
            data-testid="camera-record"
            onClick={() => mirror.startRecording()}
            disabled={view.phase !== 'live'}
          >
            Record clip
          </button>
        )}
        <button
          type="button"
          data-testid="camera-save-clip"
          onClick={() => void saveClip()}
          disabled={view.recording || view.recorded === 0}
        >
          Save clip (WebM)
        </button>
        <button
          type="button"
          data-testid="camera-still"
          onClick={() => void saveStill()}
          disabled={view.phase !== 'live'}
        >
          Save still (PNG)
        </button>
        <button type="button" onClick={() => mirror.stop()}>
          Stop camera
        </button>
      </div>
      {saving && (
        <p className="small" role="status">
          {saving}
        </p>
      )}
    </div>
  );
}
