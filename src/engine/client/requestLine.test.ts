import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveRequest } from './latestWinsQueue';
import type { EngineRequest } from '../protocol';
import { REST_MS, RequestLine } from './requestLine';

const live = (value: number): LiveRequest => ({
  kind: 'live',
  input: { latent: new Float32Array([0]), attributes: new Float32Array([value]) },
  requestedAt: 0,
  photo: true,
});

/** A line whose sent requests are recorded; answer() plays the engine's frame for the request in flight. */
function line() {
  const sent: Extract<EngineRequest, { type: 'render' }>[] = [];
  const requests = new RequestLine((r) => {
    if (r.type === 'render') sent.push(r);
  });
  requests.setReady(true);
  const answer = () => requests.take(sent.at(-1)!.id);
  return { requests, sent, answer };
}

describe('RequestLine: exact frames once a slider rests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks for the exact frame of an approximate one after REST_MS without a newer value', async () => {
    const { requests, sent, answer } = line();
    const request = live(0.34);
    requests.live(request);
    expect(answer()).toBe(request);
    requests.refreshLater(request);
    let idle = false;
    void requests.whenIdle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(REST_MS - 1);
    expect(sent).toHaveLength(1);
    expect(idle).toBe(false); // the exact frame still to come counts as work
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.exact).toBe(true);
    expect(sent[1]!.attributes[0]).toBeCloseTo(0.34, 6);
    expect(sent[0]!.exact).toBeUndefined();
    answer();
    requests.pump();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(true);
  });

  it('asks for nothing when a newer value came before or during the rest', async () => {
    const { requests, sent, answer } = line();
    const first = live(0.34);
    requests.live(first);
    requests.live(live(0.36)); // pending while the first is in flight
    answer();
    requests.refreshLater(first); // the first's approximate frame arrives after the newer value was asked for
    requests.pump();
    const second = answer() as LiveRequest;
    requests.refreshLater(second);
    await vi.advanceTimersByTimeAsync(REST_MS / 2);
    requests.live(live(0.38)); // the drag goes on: the rest is over
    answer();
    await vi.advanceTimersByTimeAsync(REST_MS * 2);
    expect(sent.map((r) => r.exact ?? false)).toEqual([false, false, false]);
    await expect(requests.whenIdle()).resolves.toBeUndefined();
  });

  it('never asks for an older value once a newer one was asked for', async () => {
    const { requests, sent, answer } = line();
    const first = live(0.34);
    requests.live(first);
    requests.live(live(0.36));
    answer();
    requests.refreshLater(first);
    requests.pump(); // 0.36 goes out; its answer has not come yet
    await vi.advanceTimersByTimeAsync(REST_MS * 2);
    answer(); // 0.36's frame: the line may send what waits now
    requests.pump();
    expect(sent.map((r) => r.attributes[0]!.toFixed(2))).toEqual(['0.34', '0.36']);
  });
  it('forgets the exact frame it owes when the model is reloaded', async () => {
    const { requests, sent, answer } = line();
    const request = live(0.34);
    requests.live(request);
    answer();
    requests.refreshLater(request);
    requests.setReady(false); // a model switch or Retry
    await vi.advanceTimersByTimeAsync(REST_MS * 2);
    requests.setReady(true);
    requests.pump();
    expect(sent).toHaveLength(1);
    await expect(requests.whenIdle()).resolves.toBeUndefined();
  });
});
