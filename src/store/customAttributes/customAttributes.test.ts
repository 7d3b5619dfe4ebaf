import { beforeEach, describe, expect, it } from 'vitest';
import { clampAttributes } from '../../latent/attributes';
import { serializeCustomAttributes } from '../../latent/customAttributeJson';
import { MemoryStorage, model, pickFour, setup } from '../../testing/customEditor';
import { storageKey } from './customAttributes';
import { selectFrameInput } from '../editor/selectors';

let t: ReturnType<typeof setup>;
const flush = () => new Promise((r) => setTimeout(r, 0));
beforeEach(() => {
  t = setup();
});

describe('custom attributes', () => {
  it("makes half the picked groups' mean difference in [z; y], saves it and clears the picks", () => {
    pickFour(t.actions, t.custom);
    const { has, hasnt } = t.store.getState().customPicks;
    const made = t.custom.create('  Hat  ', [])!;
    expect(made.name).toBe('Hat');
    expect(made.faces).toEqual({ has: 2, hasnt: 2 });
    const joint = (f: (typeof has)[0]) => [...f.latent, ...f.attributes];
    const expected = joint(has[0]!).map(
      (_, i) => ((joint(has[0]!)[i]! + joint(has[1]!)[i]!) / 2 - (joint(hasnt[0]!)[i]! + joint(hasnt[1]!)[i]!) / 2) / 2,
    );
    made.vector.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(t.store.getState().customPicks).toEqual({ has: [], hasnt: [] });
    expect(t.storage.getItem(storageKey(model.id))).toContain('"name":"Hat"');
  });

  it('moves one face between groups, unmarks on a second click, and refuses too few faces or no name', () => {
    for (const seed of [11, 12, 13]) t.actions.newRandomFace(seed);
    const [a, b] = t.store.getState().recent;
    t.custom.togglePick(a!, 'has');
    t.custom.togglePick(a!, 'hasnt');
    expect(t.store.getState().customPicks).toEqual({ has: [], hasnt: [a] });
    t.custom.togglePick(a!, 'hasnt');
    t.custom.togglePick(b!, 'has');
    expect(t.store.getState().customPicks).toEqual({ has: [b], hasnt: [] });
    expect(t.custom.create('Hat', [])).toBeNull();
    expect(t.store.getState().notice?.text).toMatch(/at least 2 .*now 1 and 0/);
    pickFour(t.actions, t.custom);
    expect(t.custom.create('   ', [])).toBeNull();
    expect(t.store.getState().notice?.text).toMatch(/name of 1 to 40/);
    expect(t.store.getState().customAttributes).toEqual([]);
  });

  it('its slider feeds the frame, is undoable, and a new face starts with it at 0', () => {
    pickFour(t.actions, t.custom);
    const made = t.custom.create('Hat', [])!;
    const before = selectFrameInput(t.store.getState())!;
    t.custom.setAmount(made.id, 1.5);
    const after = selectFrameInput(t.store.getState())!;
    before.latent.forEach((z, i) => expect(after.latent[i]).toBeCloseTo(z + 1.5 * made.vector[i]!, 5));
    const ys = Array.from(before.attributes, (y, j) => y + 1.5 * made.vector[8 + j]!);
    expect(Array.from(after.attributes)).toEqual(Array.from(clampAttributes(ys, model.attributes)));
    expect(t.engine.frames.at(-1)).toEqual(after); // the engine was asked for it

    t.actions.setComparing(true);
    expect(selectFrameInput(t.store.getState())!.latent).toBe(before.latent);
    t.actions.setComparing(false);
    t.actions.undo();
    expect(selectFrameInput(t.store.getState())).toEqual(before);
    t.actions.redo();
    expect(t.store.getState().customOffsets).toEqual({ [made.id]: 1.5 });
    t.custom.setAmount(made.id, 9);
    expect(t.store.getState().customOffsets[made.id]).toBe(2);
    t.actions.resetAll(); // "Reset all" resets custom sliders too, as one undo step
    expect(t.store.getState().customOffsets).toEqual({});
    expect(selectFrameInput(t.store.getState())).toEqual(before);
    t.actions.undo();
    expect(t.store.getState().customOffsets[made.id]).toBe(2);
    t.actions.newRandomFace(99);
    expect(t.store.getState().customOffsets).toEqual({});
  });

  it("measures correlations before and after orthogonalisation with the engine's reading", async () => {
    pickFour(t.actions, t.custom);
    const { has, hasnt } = t.store.getState().customPicks;
    // Make the groups differ in Male, so the raw vector moves Male's y input.
    expect(has.map((f) => f.attributes[1])).not.toEqual(hasnt.map((f) => f.attributes[1]));
    const made = t.custom.create('Hat', [1])!;
    expect(t.store.getState().customMeasuring).toMatchObject({ id: made.id, phase: 'orthogonalising' });
    // Male's y axis is out at once; its z part (latent 1, which the fake encoder's Male reading follows) is not yet.
    expect(made.vector[model.latent.size + 1]).toBe(0);
    expect(Math.abs(made.vector[1]!)).toBeGreaterThan(0.05);
    await flush();
    const done = t.store.getState().customAttributes[0]!;
    const c = done.correlation!;
    expect(Math.abs(c.before[1]!)).toBeGreaterThan(0.9); // Male followed the raw vector...
    expect(c.after[1]).toBeNull(); // ...and not the orthogonalised one: its reading never moved,
    expect(Math.abs(c.change!.before[1]!)).toBeGreaterThan(1);
    expect(c.change!.after[1]).toBeCloseTo(0, 6);
    expect(done.vector[1]).toBeCloseTo(0, 6); // since what moves it in z went too,
    expect(done.vector[0]).toBeCloseTo(made.vector[0]!, 6); // and nothing else did.
    expect(c.after[0]).not.toBeNull(); // Smiling still follows it
    expect(t.store.getState().customMeasuring).toBeNull();
    expect(made.orthogonalTo).toEqual(['Male']);
  });

  it('stores an attribute only once orthogonalisation to readings has finished', async () => {
    pickFour(t.actions, t.custom);
    t.custom.create('Hat', [1]);
    pickFour(t.actions, t.custom);
    t.custom.create('Cap', []); // saving the list meanwhile leaves the unfinished one out
    const stored = () => setup(t.storage).store.getState().customAttributes;
    expect(stored().map((c) => c.name)).toEqual(['Cap']); // a reload now would not find a half-done Hat
    await flush();
    const hat = t.store.getState().customAttributes.find((c) => c.name === 'Hat')!;
    expect(hat.vector[1]).toBeCloseTo(0, 6); // orthogonal to Male's reading now
    const kept = stored().find((c) => c.name === 'Hat')!;
    expect(Array.from(kept.vector)).toEqual(Array.from(hat.vector));
    expect(kept.orthogonalTo).toEqual(['Male']);
  });

  it('keeps them across visits (per model), and deletes one', async () => {
    pickFour(t.actions, t.custom);
    t.custom.create('Hat', [0]);
    await flush();
    const made = t.store.getState().customAttributes[0]!; // its vector as orthogonalisation left it
    const again = setup(t.storage);
    const kept = again.store.getState().customAttributes;
    expect(kept.map((c) => c.name)).toEqual(['Hat']);
    expect(Array.from(kept[0]!.vector)).toEqual(Array.from(made.vector));
    expect(kept[0]!.correlation).not.toBeNull();
    again.custom.setAmount(kept[0]!.id, 1);
    again.custom.remove(kept[0]!.id);
    expect(again.store.getState().customAttributes).toEqual([]);
    expect(again.store.getState().customOffsets).toEqual({});
    expect(setup(t.storage).store.getState().customAttributes).toEqual([]);
  });

  it('reports unreadable saved data and starts empty', () => {
    const storage = new MemoryStorage();
    storage.setItem(storageKey(model.id), '{"format": "latent-lab-custom-attributes", "version": 1, "model"');
    const s = setup(storage);
    expect(s.store.getState().customAttributes).toEqual([]);
    expect(s.store.getState().notice?.text).toMatch(/saved custom attributes could not be read/);
  });

  it('exports and imports; a bad file changes nothing and says why', () => {
    pickFour(t.actions, t.custom);
    t.custom.create('Hat', []);
    const file = t.custom.exportJson()!;
    const other = setup(new MemoryStorage());
    const list = () => other.store.getState().customAttributes.map((c) => c.name);
    const refused = (text: string, message: RegExp) => {
      expect(other.custom.importJson(text)).toBe(false);
      expect(other.store.getState().notice?.text).toMatch(message);
      expect(list()).toEqual([]);
    };
    refused('not json', /Nothing was imported. That file is not valid JSON/);
    refused(file.replace(`"model":"${model.id}"`, '"model":"other"'), /belong to model "other"/);
    refused(file.replace('"latentSize":8', '"latentSize":9'), /latent of 9 numbers/);
    refused(file.replace('"name":"Hat"', '"name":""'), /needs a name/);
    refused(' '.repeat(1_000_001), /too large/);
    expect(other.custom.importJson(file)).toBe(true);
    expect(other.custom.importJson(file)).toBe(true); // the same again adds nothing
    expect(list()).toEqual(['Hat']);
    expect(other.store.getState().notice?.text).toMatch(/Imported 0 .*1 already here/);
  });

  it('refuses a saved list that does not fit the loaded model', () => {
    const storage = new MemoryStorage();
    const foreign = { modelId: model.id, latentSize: 8, attributeNames: ['Smiling', 'Young'] };
    storage.setItem(storageKey(model.id), serializeCustomAttributes(foreign, []));
    expect(setup(storage).store.getState().notice?.text).toMatch(/Smiling, Male/);
  });
});
