import { useCamera, useCameraView } from '../../hooks/useCamera';

/** "Camera" beside "Choose photo": starts the live mirror, or stops it. */
export function CameraButton() {
  const mirror = useCamera();
  const { phase } = useCameraView();
  const on = phase === 'live' || phase === 'starting';
  return (
    <button
      type="button"
      data-testid="camera-toggle"
      aria-pressed={on}
      onClick={() => (on ? mirror.stop() : void mirror.start())}
      title="Edit the camera's video live with the sliders. Nothing leaves this device."
    >
      {on ? 'Stop camera' : 'Camera'}
    </button>
  );
}
