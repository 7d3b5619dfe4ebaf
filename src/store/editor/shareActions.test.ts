import { describe, expect, it } from 'vitest';
import { randomLatent } from '../../latent/random';
import { FakeEngine, MemoryStorage, model, pickFour, setup } from '../../testing/customEditor';
import { createActions } from './actions';
import { createCustomAttributeActions } from '../customAttributes/customAttributes';
import { createEditorStore } from './editorStore';
import { createShareActions } from './shareActions';
import { selectFrameInput } from './selectors';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const PAGE = 'https://latent.example/app/?backend=wasm';

function withShare(s = setup()) {
  return { ...s, share: createShareActions(s.store, s.actions, s.custom) };
}
/** An editor whose loaded model has manifest id `id` (a shipped model's ids start with its choice id). */
function editorFor(id: string) {
  const store = createEditorStore();
  const engine = new FakeEngine();
  const actions = createActions(store, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 1 });
  const custom = createCustomAttributeActions(store, engine, new MemoryStorage());
  actions.start();
  engine.push({ kind: 'ready', backend: 'wasm', model: { ...model, id }, candidates: {} });
  custom.load();
  return withShare({ store, engine, actions, custom, storage: new MemoryStorage() });
}
function payloadOf(link: string): string {
  return link.slice(link.indexOf('#face=') + '#face='.length);
}

describe('share links in the store', () => {
  it('reproduce the frame input bit for bit in another editor: face, slider edits and custom sliders', async () => {
    const a = withShare();
    pickFour(a.actions, a.custom);
    const hat = a.custom.create('Hat', [1])!;
    a.actions.newRandomFace(77);
    a.actions.setAttribute(0, 1.37);
    a.custom.setAmount(hat.id, -0.73);
    const sent = selectFrameInput(a.store.getState())!;
    const result = a.share.shareLink(`${PAGE}#old`);
    if (!result.ok) throw new Error(result.reason);
    expect(result.link.startsWith(`${PAGE}#face=`)).toBe(true);

    const b = withShare(setup(new MemoryStorage()));
    const before = b.store.getState().face;
    expect(b.share.openShared(payloadOf(result.link))).toEqual({ kind: 'opened' });
    const got = selectFrameInput(b.store.getState())!;
    expect(bits(got.latent)).toEqual(bits(sent.latent));
    expect(bits(got.attributes)).toEqual(bits(sent.attributes));
    expect(b.store.getState().customAttributes.map((c) => c.name)).toEqual(['Hat']);
    expect(b.store.getState().notice?.text).toMatch(/Shared face opened with 1 custom slider/);
    // One undo step back to the face before the link.
    b.actions.undo();
    expect(b.store.getState().face).toBe(before);
    expect(b.store.getState().customOffsets).toEqual({});
    // Opening the same link again reuses the custom attribute rather than adding a copy.
    b.share.openShared(payloadOf(result.link));
    expect(b.store.getState().customAttributes).toHaveLength(1);
  });

  it('reproduces an interpolated face too', () => {
    const a = withShare();
    a.actions.newRandomFace(1);
    a.actions.newRandomFace(2);
    const [f2, f1] = a.store.getState().recent;
    a.actions.setEndpoint('a', f1!.id);
    a.actions.setEndpoint('b', f2!.id);
    a.actions.setT(0.3);
    const sent = selectFrameInput(a.store.getState())!;
    const link = a.share.shareLink(PAGE);
    const b = withShare();
    expect(link.ok && b.share.openShared(payloadOf(link.link))).toEqual({ kind: 'opened' });
    expect(bits(selectFrameInput(b.store.getState())!.latent)).toEqual(bits(sent.latent));
  });

  it('a tampered or foreign link changes nothing and says why', () => {
    const a = withShare();
    a.actions.setAttribute(1, -2);
    const link = a.share.shareLink(PAGE);
    if (!link.ok) throw new Error(link.reason);
    const payload = payloadOf(link.link);
    const b = withShare();
    const state = b.store.getState();
    const tampered = payload.slice(0, 60) + (payload[60] === 'A' ? 'B' : 'A') + payload.slice(61);
    expect(b.share.openShared(tampered)).toEqual({ kind: 'refused' });
    expect(b.store.getState().notice?.text).toMatch(/checksum does not match.*random face instead/);
    expect(b.share.openShared(payload.slice(0, -10))).toEqual({ kind: 'refused' });
    expect(b.share.openShared('')).toEqual({ kind: 'refused' });
    const { face, offsets, customAttributes, past } = b.store.getState();
    expect({ face, offsets, customAttributes, past }).toEqual({
      face: state.face,
      offsets: state.offsets,
      customAttributes: state.customAttributes,
      past: state.past,
    });
  });

  it('refuses a photo face, and a moved slider made from photos; leaves photo-made ones out of links', () => {
    const a = withShare();
    const photoFace = (seed: number, y: number[]) =>
      a.actions.showFace({
        latent: randomLatent(seed, model.latent),
        attributes: Float32Array.from(y),
        source: { kind: 'photo', name: 'me.jpg' },
      });
    const shown = photoFace(5, [1, 1]);
    const refused = a.share.shareLink(PAGE);
    expect(refused.ok === false && refused.reason).toMatch(/never leaves this device/);

    a.custom.togglePick(shown, 'has');
    a.custom.togglePick(photoFace(6, [1, 1]), 'has');
    pickFour(a.actions, a.custom); // adds two more "has" and two "hasn't" (generated)
    const mine = a.custom.create('Me-ish', [])!;
    expect(mine.fromPhotos).toBe(true);
    a.actions.newRandomFace(3);
    a.custom.setAmount(mine.id, 1);
    const moved = a.share.shareLink(PAGE);
    expect(moved.ok === false && moved.reason).toMatch(/made from your photos/);
    a.custom.setAmount(mine.id, 0);
    const ok = a.share.shareLink(PAGE);
    const b = withShare();
    expect(ok.ok && b.share.openShared(payloadOf(ok.link))).toEqual({ kind: 'opened' });
    expect(b.store.getState().customAttributes).toEqual([]);
  });

  it('name their model in ?model=, and a link of another shipped model asks to switch to it', () => {
    const fashion = editorFor('fashion32-cgan-full-e37a2f1c');
    fashion.actions.newRandomFace(9);
    const sent = selectFrameInput(fashion.store.getState())!;
    const made = fashion.share.shareLink(`${PAGE}&model=celeba64#old`);
    if (!made.ok) throw new Error(made.reason);
    expect(made.link.startsWith('https://latent.example/app/?backend=wasm&model=fashion32#face=')).toBe(true);

    // Opened while the face model is loaded: nothing changes here; the page is told which model to load.
    const faces = editorFor('celeba64-icgan-full-7c39d795');
    const before = faces.store.getState().face;
    expect(faces.share.openShared(payloadOf(made.link))).toEqual({ kind: 'switch', to: 'fashion32' });
    expect(faces.store.getState().face).toBe(before);
    // On the model it names, the very same numbers.
    const again = editorFor('fashion32-cgan-full-e37a2f1c');
    expect(again.share.openShared(payloadOf(made.link))).toEqual({ kind: 'opened' });
    expect(bits(selectFrameInput(again.store.getState())!.latent)).toEqual(bits(sent.latent));

    // A face link names celeba64 even where the page had no ?model=, and asks the fashion editor to switch back.
    const faceLink = faces.share.shareLink(PAGE);
    expect(faceLink.ok && faceLink.link).toMatch(
      /^https:\/\/latent\.example\/app\/\?backend=wasm&model=celeba64#face=/,
    );
    expect(faceLink.ok && fashion.share.openShared(payloadOf(faceLink.link))).toEqual({
      kind: 'switch',
      to: 'celeba64',
    });
  });

  it('another version of the same model, or an unknown model, is refused with a reason rather than switched', () => {
    const old = editorFor('fashion32-cgan-smoke-00000000');
    const link = old.share.shareLink(PAGE);
    if (!link.ok) throw new Error(link.reason);
    const now = editorFor('fashion32-cgan-full-e37a2f1c');
    expect(now.share.openShared(payloadOf(link.link))).toEqual({ kind: 'refused' });
    expect(now.store.getState().notice?.text).toMatch(/for model "fashion32-cgan-smoke-00000000"/);
    const foreign = withShare();
    const theirs = foreign.share.shareLink(PAGE);
    expect(theirs.ok && theirs.link.startsWith(`${PAGE}#face=`)).toBe(true); // no shipped model to name
    expect(theirs.ok && now.share.openShared(payloadOf(theirs.link))).toEqual({ kind: 'refused' });
  });

  it('refuses a face drawn by a training snapshot: a link carries the face, not the timeline', () => {
    const a = withShare();
    a.actions.setSnapshot(0);
    const refused = a.share.shareLink(PAGE);
    expect(refused.ok === false && refused.reason).toMatch(/training snapshot/);
    a.actions.setSnapshot(null);
    expect(a.share.shareLink(PAGE).ok).toBe(true);
  });
});
