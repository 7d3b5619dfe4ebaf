// Before any test: the fake-camera videos that the camera project's Chromium reads (scripts/fake-camera.mjs; kept
// when already written).
import { makeFakeCameraVideos } from '../scripts/fake-camera.mjs';

export default async function globalSetup(): Promise<void> {
  await makeFakeCameraVideos(undefined, { log: () => undefined });
}
