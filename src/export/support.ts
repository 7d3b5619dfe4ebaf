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
        'WebM needs the WebCodecs video encoder, which this browser does not offer (or not on a page that is not ' +
        'served securely). GIF export works.',
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
  return { ok: false, reason: `This browser cannot encode VP9 or VP8 video at ${size} px, so no WebM. GIF works.` };
}
