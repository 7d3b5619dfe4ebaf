import type { WebmCodec } from './webm';

export type WebmSupport = { ok: true; codec: WebmCodec } | { ok: false; reason: string };

/**
 * Whether this browser can encode WebM at `size` px: WebCodecs' VideoEncoder with VP9, else VP8. GIF needs nothing
 * of the platform beyond a canvas, so only WebM is checked.
 */
export async function webmSupport(size: number): Promise<WebmSupport> {
  if (typeof VideoEncoder === 'undefined') {
    return {
      ok: false,
      reason:
        'WebM export is not available in this browser: it needs the WebCodecs video encoder, which this browser ' +
        'does not offer (or not on a page that is not served securely). ' +
        NO_RECORDER +
        ' GIF export works.',
    };
  }
  for (const [codec, name] of [
    ['vp9', 'vp09.00.10.08'],
    ['vp8', 'vp8'],
  ] as const) {
    try {
      const { supported } = await VideoEncoder.isConfigSupported({ codec: name, width: size, height: size });
      if (supported) return { ok: true, codec };
    } catch {
      // A malformed config for this browser counts as unsupported; try the next codec.
    }
  }
  return {
    ok: false,
    reason: `This browser cannot encode VP9 or VP8 video at ${size} px, so no WebM. ${NO_RECORDER} GIF works.`,
  };
}

// Why there is no MediaRecorder fallback: it records a canvas as it is painted, in real time, so the file's frame count
// and timing would depend on how fast this device draws, not on the frames asked for.
const NO_RECORDER =
  'Recording the canvas with MediaRecorder instead would play the animation in real time and could drop frames, so ' +
  'it is not used.';
