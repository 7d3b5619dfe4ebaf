import { describe, expect, it } from 'vitest';
import { CAMERA_MESSAGES, cameraMessage, cameraProblem } from './cameraErrors';

const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('camera errors', () => {
  it('names each getUserMedia failure', () => {
    expect(cameraProblem(domError('NotAllowedError'))).toBe('refused');
    expect(cameraProblem(domError('NotFoundError'))).toBe('missing');
    expect(cameraProblem(domError('OverconstrainedError'))).toBe('missing');
    expect(cameraProblem(domError('NotReadableError'))).toBe('busy');
    expect(cameraProblem({ name: 'AbortError' })).toBe('busy');
    expect(cameraProblem(domError('TypeError'))).toBe('unknown');
    expect(cameraProblem('nonsense')).toBe('unknown');
  });

  it('explains what to do, and keeps the browser words when it cannot tell', () => {
    expect(cameraMessage(domError('NotAllowedError'))).toBe(CAMERA_MESSAGES.refused);
    expect(cameraMessage(domError('NotAllowedError'))).toMatch(/permission was refused/);
    expect(cameraMessage(domError('Weird', 'the driver crashed'))).toBe(
      'The camera could not start. (the driver crashed)',
    );
  });
});
