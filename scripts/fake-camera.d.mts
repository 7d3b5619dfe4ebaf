/** Writes (or keeps) the fake-camera videos in `outDir`; their absolute paths. See fake-camera.mjs. */
export function makeFakeCameraVideos(
  outDir?: string,
  options?: { force?: boolean; log?: (line: string) => void; fast?: boolean },
): Promise<{ still: string; moving: string; fast?: string }>;
