import { describe, expect, it } from 'vitest';
import { randomLatent } from '../latent/random';
import { MemoryStorage, model, pickFour, setup } from '../testing/customEditor';
import { createShareActions } from './shareActions';
import { selectFrameInput } from './selectors';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const PAGE = 'https://latent.example/app/?backend=wasm';

function withShare(s = setup()) {
  return { ...s, share: createShareActions(s.store, s.actions, s.custom) };
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
    expect(b.share.openShared(payloadOf(result.link))).toBe(true);
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
    expect(link.ok && b.share.openShared(payloadOf(link.link))).toBe(true);
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
    expect(b.share.openShared(tampered)).toBe(false);
    expect(b.store.getState().notice?.text).toMatch(/checksum does not match.*random face instead/);
    expect(b.share.openShared(payload.slice(0, -10))).toBe(false);
    expect(b.share.openShared('')).toBe(false);
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
    expect(ok.ok && b.share.openShared(payloadOf(ok.link))).toBe(true);
    expect(b.store.getState().customAttributes).toEqual([]);
  });
});
