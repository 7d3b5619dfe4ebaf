import { describe, expect, it } from 'vitest';
import { FrameTurns } from './frameTurns';
import { StepGate } from './stepGate';

describe('FrameTurns', () => {
  it('holds refinement while a frame is made and until the frames rest, then lets it run', async () => {
    let now = 0;
    const turns = new FrameTurns(40, 250, () => now);
    const gate = new StepGate((signal) => turns.quiet(signal));
    await expect(gate.next()).resolves.toBe('run'); // no frame yet

    let finish = () => {};
    const frame = turns.run(() => new Promise<void>((resolve) => (finish = resolve)));
    let stepped = false;
    const step = gate.next().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // the frame is still being made

    now = 1000;
    finish();
    await frame;
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // ended just now (on this clock): the next value of a drag may be on its way
    now = 1041;
    await step;
    expect(stepped).toBe(true);
  });

  it('waits longer once frames follow each other (a drag), and as briefly as before once they stop', async () => {
    let now = 0;
    const turns = new FrameTurns(40, 250, () => now);
    await turns.run(async () => {});
    now = 100; // the next frame starts 100 ms after the last ended: a drag
    await turns.run(async () => {});
    now = 150;
    let stepped = false;
    const step = turns.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // 50 ms after a drag's frame: more may come
    now = 351;
    await step;
    now = 2000; // a lone frame long after: the short pause again
    await turns.run(async () => {});
    now = 2041;
    await expect(turns.quiet()).resolves.toBeUndefined();
  });

  it("takes a frame one slider away from the last as a drag's from the first, but not a frame of another face", async () => {
    let now = 0;
    const turns = new FrameTurns(40, 250, () => now);
    const at = (smile: number, z = 0.5) => ({ latent: Float32Array.of(z, -z), attributes: Float32Array.of(smile, 1) });
    await turns.run(async () => {}, at(0));
    now = 5000; // long after: alone, this frame would hold refinement for 40 ms only
    await turns.run(async () => {}, at(0.02));
    now = 5041;
    let stepped = false;
    const step = turns.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // a slider moved: the drag's next value may be late
    now = 5251;
    await step;
    // A refinement report's frame (another latent) long after: the short pause.
    now = 9000;
    await turns.run(async () => {}, at(0.02, 0.6));
    now = 9041;
    await expect(turns.quiet()).resolves.toBeUndefined();
  });

  it('stops waiting when the job is cancelled', async () => {
    const turns = new FrameTurns(60_000, 60_000);
    await turns.run(async () => {});
    const ctrl = new AbortController();
    const waiting = turns.quiet(ctrl.signal);
    ctrl.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('passes on a frame’s result and its failure, and counts it as ended either way', async () => {
    let now = 0;
    const turns = new FrameTurns(10, 20, () => now);
    await expect(turns.run(async () => 7)).resolves.toBe(7);
    await expect(turns.run(() => Promise.reject(new Error('no model')))).rejects.toThrow('no model');
    now = 21;
    await expect(turns.quiet()).resolves.toBeUndefined();
  });

  it('holds background work from the press of a slider, before its first value arrives', async () => {
    let now = 0;
    const turns = new FrameTurns(40, 250, () => now);
    await turns.run(async () => {});
    now = 5000; // long after the last frame: a refinement step would run at once
    await expect(turns.quiet()).resolves.toBeUndefined();
    turns.dragStarts();
    let stepped = false;
    const step = turns.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // pressed, no value yet: the drag's frames are coming
    now = 5251; // a press that no value followed lets it run on
    await step;
    expect(stepped).toBe(true);
  });

  it('counts a frame request on its way (posted, not read yet) as a frame being made', async () => {
    let now = 0;
    let onItsWay = true;
    const turns = new FrameTurns(40, 250, () => now);
    turns.watch(() => onItsWay);
    now = 5000; // no frame for long: only the request on its way holds refinement
    expect(turns.busy).toBe(true);
    let stepped = false;
    const step = turns.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stepped).toBe(false);
    onItsWay = false; // read: from here on, the frame it asks for holds refinement as any frame does
    await step;
    expect(turns.busy).toBe(false);
  });

  it("waits out a pressed slider's drag for background work that is patient with playback only", async () => {
    const now = 0;
    const turns = new FrameTurns(40, 250, () => now);
    const frame = () => turns.run(async () => {});
    // Playback: frames keep coming and no slider is pressed; patience (30 ms here) runs out and the work goes.
    await frame();
    await expect(turns.patient(30)).resolves.toBeUndefined();
    // A drag: frames keep coming with a slider pressed; the work waits past its patience, until the release.
    turns.dragStarts();
    await frame();
    let ran = false;
    const work = turns.patient(30).then(() => (ran = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(ran).toBe(false);
    turns.dragEnds();
    await work;
    expect(ran).toBe(true);
  });
});
