// Why the camera could not start, in words a person can act on: getUserMedia's failures by their DOMException name.

export type CameraProblem = 'refused' | 'missing' | 'busy' | 'insecure' | 'unknown';

export const CAMERA_MESSAGES: Record<CameraProblem, string> = {
  refused:
    'The camera permission was refused. Allow the camera for this site (the camera icon in the address bar, or the ' +
    "site's settings), then press Camera again. Nothing is recorded or sent anywhere.",
  missing: 'No camera was found. Connect one (or turn it on), then press Camera again.',
  busy:
    'The camera could not start: another program or tab is probably using it. Close it there, then press Camera ' +
    'again.',
  insecure: 'This browser offers no camera on this page (cameras need a secure page, https or localhost).',
  unknown: 'The camera could not start.',
};

/** The problem behind a getUserMedia rejection (or a missing mediaDevices). */
export function cameraProblem(error: unknown): CameraProblem {
  const name =
    error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
      ? String((error as { name: unknown }).name)
      : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'refused';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'unknown';
  }
}

/** The message for a getUserMedia rejection, with the browser's own words after it for the unknown case. */
export function cameraMessage(error: unknown): string {
  const problem = cameraProblem(error);
  if (problem !== 'unknown') return CAMERA_MESSAGES[problem];
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `${CAMERA_MESSAGES.unknown}${detail}`;
}
