// EngineClient.judge over a fake engine end: the request goes out in the queue with frames, its answer or its error comes
// back to the caller only, and a failed judgement does not fail the screen.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../protocol';
import { readyClient } from './testing/fakeTransport';
import { testBitmap } from '../../testing/testBitmap';

const input = { latent: Float32Array.of(0, 0), attributes: Float32Array.of(0) };

describe('EngineClient.judge', () => {
  it('waits for the frame in flight, then sends the pictures and resolves with the verdicts', async () => {
    const { transport, client } = readyClient();
    client.render(input);
    const picture = Uint8Array.of(0, 255, 0, 255);
    const answer = client.judge({ pictures: [picture], testImages: [3] });
    expect(transport.sent.filter((r) => r.type === 'judge')).toHaveLength(0);
    const frame = transport.last();
    if (frame.type !== 'render') throw new Error('expected the frame first');
    transport.emit({ type: 'frame', id: frame.id, bitmap: testBitmap(), renderMs: 1 });
    const request = transport.last();
    expect(request).toMatchObject({ type: 'judge', pictures: [picture], testImages: [3] });
    if (request.type !== 'judge') throw new Error('expected a judge request');
    const verdicts = [
      { verdict: 0.5, asClass: 1, guess: 1 },
      { verdict: -0.2, asClass: 3, guess: 2 },
    ];
    transport.emit({ type: 'judged', id: request.id, verdicts, pictures: [picture, picture] });
    await expect(answer).resolves.toEqual({ verdicts, pictures: [picture, picture] });
  });

  it("rejects with the engine's message and leaves the engine ready", async () => {
    const { transport, client } = readyClient();
    const answer = client.judge({ pictures: [new Uint8Array(3)] });
    const request = transport.last();
    transport.emit({
      type: 'error',
      id: request.type === 'judge' ? request.id : -1,
      code: 'render-failed',
      message: 'Picture 0 has 3 pixels',
    });
    await expect(answer).rejects.toEqual(new EngineError('render-failed', 'Picture 0 has 3 pixels'));
    expect(client.status.kind).toBe('ready');
  });
});
