import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../engine/client/engineClient';
import type { ModelInfo } from '../../engine/protocol';
import { createActions, type EditorActions } from './actions';
import { createEditorStore, type EditorStore } from './editorStore';
import {
  createPresenterActions,
  presenterCommand,
  recentNeighbour,
  type KeyPress,
  type PresenterActions,
} from './presenter';
import { selectAttributeValues } from './selectors';

// Two attributes with different ranges, so a nudge's size is seen to follow each one's range.
const attribute = (name: string, label: string, half: number, start: number) => ({
  name,
  label,
  min: -half,
  max: half,
  default: start,
  off: -1,
  on: 1,
});
const model: ModelInfo = {
  id: 'presenter-test',
  name: 'Test',
  resolution: 4,
  latent: { size: 6, mean: 0, std: 1 },
  attributes: [attribute('Smiling', 'Smile', 2, -1), attribute('Young', 'Young', 1, 0)],
};

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrl: false,
  meta: false,
  alt: false,
  typing: false,
  onControl: false,
  inDialog: false,
  ...more,
});

describe('presenterCommand', () => {
  it('toggles with P anywhere but in a text field or with a modifier', () => {
    expect(presenterCommand(press('p'), false)).toEqual({ kind: 'toggle' });
    expect(presenterCommand(press('P'), true)).toEqual({ kind: 'toggle' });
    expect(presenterCommand(press('p', { typing: true }), true)).toBeNull();
    expect(presenterCommand(press('p', { ctrl: true }), false)).toBeNull();
    expect(presenterCommand(press('p', { meta: true }), true)).toBeNull();
  });

  it('keeps every other key inert outside presenter mode', () => {
    for (const key of ['n', ']', '[', 'k', ' ', '+', '-', '3', 'Escape']) {
      expect(presenterCommand(press(key), false), key).toBeNull();
    }
  });

  it('maps the presenter keys while presenting, and none while typing', () => {
    expect(presenterCommand(press('n'), true)).toEqual({ kind: 'new-face' });
    expect(presenterCommand(press(']'), true)).toEqual({ kind: 'recent', step: 1 });
    expect(presenterCommand(press('['), true)).toEqual({ kind: 'recent', step: -1 });
    expect(presenterCommand(press('k'), true)).toEqual({ kind: 'play' });
    expect(presenterCommand(press('='), true)).toEqual({ kind: 'nudge', direction: 1 });
    expect(presenterCommand(press('-'), true)).toEqual({ kind: 'nudge', direction: -1 });
    expect(presenterCommand(press('2'), true)).toEqual({ kind: 'select-attribute', index: 1 });
    expect(presenterCommand(press('0'), true)).toBeNull();
    expect(presenterCommand(press('n', { typing: true }), true)).toBeNull();
  });

  it('leaves Space to a focused control, and every key to an open dialog', () => {
    expect(presenterCommand(press(' '), true)).toEqual({ kind: 'play' });
    expect(presenterCommand(press(' ', { onControl: true }), true)).toBeNull();
    expect(presenterCommand(press('Escape', { onControl: true }), true)).toEqual({ kind: 'leave' });
    for (const key of ['Escape', 'n', 'p']) expect(presenterCommand(press(key, { inDialog: true }), true)).toBeNull();
  });
});

describe('presenter actions', () => {
  let store: EditorStore;
  let actions: EditorActions;
  let presenter: PresenterActions;
  let seeds: number;
  let frames: number;

  beforeEach(() => {
    store = createEditorStore();
    let push: (s: EngineStatus) => void = () => {};
    frames = 0;
    const engine = {
      load: () => {},
      render: () => void frames++,
      onStatus: (l: (s: EngineStatus) => void) => ((push = l), () => {}),
      batch: () => Promise.reject(new Error('presenter mode renders no batches')),
    };
    actions = createActions(store, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 1 });
    seeds = 100;
    presenter = createPresenterActions(store, actions, () => seeds++);
    actions.start();
    push({ kind: 'ready', backend: 'wasm', model, candidates: {} });
  });

  const state = () => store.getState();
  const seedOf = () => (state().face?.source.kind === 'random' ? state().face?.source : null);

  it('toggles and leaves presenter mode', () => {
    presenter.run({ kind: 'toggle' });
    expect(state().presenter.on).toBe(true);
    presenter.run({ kind: 'leave' });
    expect(state().presenter.on).toBe(false);
    presenter.setPresenting(true);
    presenter.run({ kind: 'toggle' });
    expect(state().presenter.on).toBe(false);
  });

  it('makes a new random face as one undo step', () => {
    presenter.run({ kind: 'new-face' });
    expect(seedOf()).toEqual({ kind: 'random', seed: 100 });
    expect(state().past).toHaveLength(1);
    actions.undo();
    expect(seedOf()).toEqual({ kind: 'random', seed: 1 });
  });

  it('steps through the recent strip and wraps at its ends', () => {
    presenter.run({ kind: 'new-face' });
    presenter.run({ kind: 'new-face' });
    const ids = state().recent.map((f) => f.id); // newest first: seeds 101, 100, 1
    expect(state().face?.id).toBe(ids[0]);
    presenter.run({ kind: 'recent', step: 1 });
    expect(state().face?.id).toBe(ids[1]);
    presenter.run({ kind: 'recent', step: 1 });
    presenter.run({ kind: 'recent', step: 1 });
    expect(state().face?.id).toBe(ids[0]);
    presenter.run({ kind: 'recent', step: -1 });
    expect(state().face?.id).toBe(ids[2]);
    expect(recentNeighbour({ recent: [], face: null }, 1)).toBeNull();
  });

  it('plays from the previous face to the current one, and pauses', () => {
    presenter.run({ kind: 'play' });
    expect(state().interpolation.playing).toBe(false); // one face only: nothing to play between
    expect(state().notice?.kind).toBe('info');
    presenter.run({ kind: 'new-face' });
    const [current, previous] = state().recent;
    presenter.run({ kind: 'play' });
    expect(state().interpolation).toMatchObject({ a: previous, b: current, playing: true });
    presenter.run({ kind: 'play' });
    expect(state().interpolation.playing).toBe(false);
  });

  it('nudges the selected attribute by a twentieth of its range, clamped, and ignores a digit past the list', () => {
    const values = () => Array.from(selectAttributeValues(state()) ?? []);
    const [smile, young] = values() as [number, number];
    presenter.run({ kind: 'nudge', direction: 1 });
    expect(values()[0]).toBeCloseTo(smile + 0.2, 6);
    presenter.run({ kind: 'select-attribute', index: 1 });
    presenter.run({ kind: 'select-attribute', index: 5 });
    expect(state().presenter.attribute).toBe(1);
    const before = frames;
    presenter.run({ kind: 'nudge', direction: -1 });
    expect(values()[1]).toBeCloseTo(Math.max(-1, young - 0.1), 6);
    expect(frames).toBe(before + 1);
    for (let i = 0; i < 30; i++) presenter.run({ kind: 'nudge', direction: -1 });
    expect(values()[1]).toBe(-1);
  });
});
