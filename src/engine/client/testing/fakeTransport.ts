// For client tests: an in-memory engine end that records what the client sends and lets the test answer.
import { EngineClient } from '../engineClient';
import type { EngineTransport } from '../engineTransport';
import type { EngineEvent, EngineRequest, ModelInfo } from '../../protocol';

export const fakeModel: ModelInfo = {
  id: 'm',
  name: 'M',
  resolution: 2,
  latent: { size: 2, mean: 0, std: 1 },
  attributes: [{ name: 'Smiling', label: 'Smile', min: -2, max: 2, default: -1, off: -1, on: 1 }],
};

export class FakeTransport implements EngineTransport {
  sent: EngineRequest[] = [];
  transfers: Transferable[][] = [];
  emit: (e: EngineEvent) => void = () => {};
  crash: (m: string) => void = () => {};
  terminated = false;
  post(request: EngineRequest, transfer: Transferable[]): void {
    this.sent.push(request);
    this.transfers.push(transfer);
  }
  listen(onEvent: (e: EngineEvent) => void, onCrash: (m: string) => void): void {
    this.emit = onEvent;
    this.crash = onCrash;
  }
  terminate(): void {
    this.terminated = true;
  }
  renders() {
    return this.sent.filter((r) => r.type === 'render');
  }
  last() {
    const r = this.sent.at(-1);
    if (!r) throw new Error('nothing sent');
    return r;
  }
}

/** A client whose fake engine has loaded `fakeModel`. */
export function readyClient() {
  const transport = new FakeTransport();
  const client = new EngineClient(transport);
  client.load('/models/m/', 'wasm');
  transport.emit({ type: 'ready', model: fakeModel, backend: 'wasm', candidates: {} });
  return { transport, client };
}
