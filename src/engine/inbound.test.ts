import { afterEach, describe, expect, it } from 'vitest';
import { Inbound } from './inbound';
import { countingPost } from './client/engineTransport';
import type { EngineRequest } from './protocol';
import { FakeTransport } from './client/testing/fakeTransport';

const input = { latent: Float32Array.of(0.1, 0.2), attributes: Float32Array.of(1) };
const render = (id: number): EngineRequest => ({ type: 'render', id, photo: true, ...input });

describe('Inbound', () => {
  const g = globalThis as { crossOriginIsolated?: boolean };
  const was = g.crossOriginIsolated;
  afterEach(() => {
    g.crossOriginIsolated = was;
  });

  it('lets the worker see frame requests posted and not read yet, in memory both sides share', () => {
    g.crossOriginIsolated = true;
    const transport = new FakeTransport();
    const post = countingPost(transport);
    const first = transport.sent[0]!;
    expect(first.type).toBe('inbound'); // before anything else
    const worker = new Inbound((first as Extract<EngineRequest, { type: 'inbound' }>).buffer);
    expect(worker.waiting).toBe(false);

    post(render(1), []);
    post({ type: 'drag-start' }, []);
    post({ type: 'photo-pause' }, []); // not a frame request: not counted, sent as it is
    expect(transport.sent.slice(1).map((r) => ('seq' in r ? r.seq : undefined))).toEqual([1, 2, undefined]);
    expect(worker.waiting).toBe(true);
    worker.read(transport.sent[1]!);
    expect(worker.waiting).toBe(true); // the press is still on its way
    worker.read(transport.sent[2]!);
    worker.read(transport.sent[3]!);
    expect(worker.waiting).toBe(false);
    post(render(2), []);
    expect(worker.waiting).toBe(true);
  });

  it('posts as the transport does where the page is not cross-origin isolated', () => {
    g.crossOriginIsolated = false;
    const transport = new FakeTransport();
    const post = countingPost(transport);
    post(render(1), []);
    expect(transport.sent).toEqual([render(1)]);
  });
});
