import { describe, expect, it } from 'vitest';
import { FramePriority } from './scheduler';
import { StepGate } from './stepGate';

describe('FramePriority', () => {
  it('holds refinement while a frame is made and until the frames rest, then lets it run', async () => {
    let now = 0;
    const priority = new FramePriority(40, 250, () => now);
    const gate = new StepGate((signal) => priority.quiet(signal));
    await expect(gate.next()).resolves.toBe('run'); // no frame yet

    let finish = () => {};
    const frame = priority.run(() => new Promise<void>((resolve) => (finish = resolve)));
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
    const priority = new FramePriority(40, 250, () => now);
    await priority.run(async () => {});
    now = 100; // the next frame starts 100 ms after the last ended: a drag
    await priority.run(async () => {});
    now = 150;
    let stepped = false;
    const step = priority.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // 50 ms after a drag's frame: more may come
    now = 351;
    await step;
    now = 2000; // a lone frame long after: the short pause again
    await priority.run(async () => {});
    now = 2041;
    await expect(priority.quiet()).resolves.toBeUndefined();
  });

  it("takes a frame one slider away from the last as a drag's from the first, but not a frame of another face", async () => {
    let now = 0;
    const priority = new FramePriority(40, 250, () => now);
    const at = (smile: number, z = 0.5) => ({ latent: Float32Array.of(z, -z), attributes: Float32Array.of(smile, 1) });
    await priority.run(async () => {}, at(0));
    now = 5000; // long after: alone, this frame would hold refinement for 40 ms only
    await priority.run(async () => {}, at(0.02));
    now = 5041;
    let stepped = false;
    const step = priority.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // a slider moved: the drag's next value may be late
    now = 5251;
    await step;
    // A refinement report's frame (another latent) long after: the short pause.
    now = 9000;
    await priority.run(async () => {}, at(0.02, 0.6));
    now = 9041;
    await expect(priority.quiet()).resolves.toBeUndefined();
  });

  it('stops waiting when the job is cancelled', async () => {
    const priority = new FramePriority(60_000, 60_000);
    await priority.run(async () => {});
    const ctrl = new AbortController();
    const waiting = priority.quiet(ctrl.signal);
    ctrl.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('passes on a frame’s result and its failure, and counts it as ended either way', async () => {
    let now = 0;
    const priority = new FramePriority(10, 20, () => now);
    await expect(priority.run(async () => 7)).resolves.toBe(7);
    await expect(priority.run(() => Promise.reject(new Error('no model')))).rejects.toThrow('no model');
    now = 21;
    await expect(priority.quiet()).resolves.toBeUndefined();
  });

  it('holds background work from the press of a slider, before its first value arrives', async () => {
    let now = 0;
    const priority = new FramePriority(40, 250, () => now);
    await priority.run(async () => {});
    now = 5000; // long after the last frame: a refinement step would run at once
    await expect(priority.quiet()).resolves.toBeUndefined();
    priority.dragStarts();
    let stepped = false;
    const step = priority.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(stepped).toBe(false); // pressed, no value yet: the drag's frames are coming
    now = 5251; // a press that no value followed lets it run on
    await step;
    expect(stepped).toBe(true);
  });

  it('counts a frame request on its way (posted, not read yet) as a frame being made', async () => {
    let now = 0;
    let onItsWay = true;
    const priority = new FramePriority(40, 250, () => now);
    priority.watch(() => onItsWay);
    now = 5000; // no frame for long: only the request on its way holds refinement
    expect(priority.busy).toBe(true);
    let stepped = false;
    const step = priority.quiet().then(() => (stepped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stepped).toBe(false);
    onItsWay = false; // read: from here on, the frame it asks for holds refinement as any frame does
    await step;
    expect(priority.busy).toBe(false);
  });

  it("waits out a pressed slider's drag for background work that is patient with playback only", async () => {
    const now = 0;
    const priority = new FramePriority(40, 250, () => now);
    const frame = () => priority.run(async () => {});
    // Playback: frames keep coming and no slider is pressed; patience (30 ms here) runs out and the work goes.
    await frame();
    await expect(priority.patient(30)).resolves.toBeUndefined();
    // A drag: frames keep coming with a slider pressed; the work waits past its patience, until the release.
    priority.dragStarts();
    await frame();
    let ran = false;
    const work = priority.patient(30).then(() => (ran = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(ran).toBe(false);
    priority.dragEnds();
    await work;
    expect(ran).toBe(true);
  });
});
