// The live mirror on the page: the camera stream, the loop that sends its latest frame to the engine and draws the
// edited one, recording, and stopping. No framework: the React side subscribes to its view (useCamera.ts).
//
// Latest frame wins: one frame is with the engine at a time; camera frames that arrive meanwhile are never queued.
// The camera light goes off (every track stopped) when the mode is left, the tab is hidden, or the mirror is disposed.
import type { CameraFace, FrameInput } from '../../src/engine/protocol';
import type { CameraClient } from '../../src/engine/client/cameraClient';
import { cameraMessage, CAMERA_MESSAGES } from '../../src/camera/cameraErrors';
import { LiveStats, regionChange, type LiveFigures } from '../../src/camera/liveStats';
import type { Box } from '../../src/photo/pasteBack';

export type CameraPhase = 'off' | 'starting' | 'live' | 'error';

export interface CameraDevice {
  id: string;
  label: string;
}

export interface CameraView {
  phase: CameraPhase;
  /** Why the camera is off after a failure (phase 'error'), or a note while live (no face). */
  message: string | null;
  devices: CameraDevice[];
  deviceId: string | null;
  /** The face the last frame found (null: none in view). */
  face: CameraFace | null;
  width: number;
  height: number;
  recording: boolean;
  /** Seconds recorded so far (recording) or in the clip waiting to be saved. */
  recorded: number;
}

/** Where the mirror gets its edit: the sliders' input, and the face's code they started from (null: none yet). */
export interface MirrorEditSource {
  edit(): { input: FrameInput; reference: FrameInput } | null;
  /** The first face found: the sliders start from its code. */
  faceFound(code: FrameInput): void;
}

/** The mirror of the editor on screen, for the test hook (main.tsx). */
const mirrors = new Set<CameraMirror>();
export const activeMirror = (): CameraMirror | null => [...mirrors].pop() ?? null;

/** A recorded clip is at most this long; recording stops by itself there. */
export const MAX_CLIP_SECONDS = 10;

const OFF: CameraView = {
  phase: 'off',
  message: null,
  devices: [],
  deviceId: null,
  face: null,
  width: 0,
  height: 0,
  recording: false,
  recorded: 0,
};

export class CameraMirror {
  private view: CameraView = OFF;
  private readonly listeners = new Set<() => void>();
  private stream: MediaStream | null = null;
  private readonly video: HTMLVideoElement;
  private canvas: HTMLCanvasElement | null = null;
  /** Bumped by every start and stop: a loop or a start from an older session stops itself. */
  private session = 0;
  private busy = false;
  /** The next face found becomes the sliders' reference (a new session, or "Re-read my face"). */
  private needFace = true;
  private stats = new LiveStats();
  /** Measuring flicker: the last camera and edited frames' pixels (only while `measure` is on: it costs reads). */
  private measure: { camera: Uint8ClampedArray; edited: Uint8ClampedArray; face: CameraFace } | null | false = false;
  private clip: ImageBitmap[] = [];
  private clipStartedAt = 0;
  private readonly onVisibility = () => {
    if (document.hidden && this.stream) this.stop();
  };

  constructor(
    private readonly engine: CameraClient,
    private readonly source: MirrorEditSource,
  ) {
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    mirrors.add(this);
  }

  get current(): CameraView {
    return this.view;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The canvas the edited frames are drawn on (null: none shown now). */
  attach(canvas: HTMLCanvasElement | null): void {
    this.canvas = canvas;
  }

  /** Starts the camera (`deviceId`: a chosen one; else the user-facing camera), or reports why it cannot. */
  async start(deviceId?: string): Promise<void> {
    this.release();
    const session = ++this.session;
    this.needFace = true;
    this.set({ ...OFF, phase: 'starting', devices: this.view.devices, deviceId: deviceId ?? null });
    if (!navigator.mediaDevices?.getUserMedia) {
      this.set({ ...OFF, phase: 'error', message: CAMERA_MESSAGES.insecure });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: deviceId
          ? { deviceId: { exact: deviceId }, width: { ideal: 640 }, height: { ideal: 480 } }
          : { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
      });
    } catch (e) {
      if (session === this.session)
        this.set({ ...OFF, phase: 'error', message: cameraMessage(e), devices: this.view.devices });
      return;
    }
    if (session !== this.session) {
      stream.getTracks().forEach((t) => t.stop()); // stopped (or restarted) while the permission was asked
      return;
    }
    this.stream = stream;
    this.video.srcObject = stream;
    try {
      await this.video.play();
    } catch (e) {
      if (session === this.session) {
        this.release();
        this.set({ ...OFF, phase: 'error', message: cameraMessage(e) });
      }
      return;
    }
    if (session !== this.session) return;
    const track = stream.getVideoTracks()[0];
    track?.addEventListener('ended', () => session === this.session && this.stop(CAMERA_MESSAGES.busy));
    const devices = await this.listDevices();
    if (session !== this.session) return;
    this.stats = new LiveStats();
    this.set({
      ...OFF,
      phase: 'live',
      devices,
      deviceId: track?.getSettings().deviceId ?? deviceId ?? null,
      width: this.video.videoWidth,
      height: this.video.videoHeight,
    });
    this.loop(session);
  }

  /** Stops the camera (its light goes off) and the engine's following of the face; `message`: why, if not asked. */
  stop(message: string | null = null): void {
    this.session++;
    this.release();
    this.engine.stop();
    this.set({ ...OFF, devices: this.view.devices, ...(message ? { phase: 'error' as const, message } : {}) });
  }

  /** Stops everything for good (the editor is going away). */
  dispose(): void {
    this.stop();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.listeners.clear();
    mirrors.delete(this);
  }

  startRecording(): void {
    if (this.view.phase !== 'live' || this.view.recording) return;
    this.dropClip();
    this.clipStartedAt = performance.now();
    this.set({ ...this.view, recording: true, recorded: 0 });
  }

  /** Stops recording; the frames recorded wait for takeClip(). */
  stopRecording(): void {
    if (this.view.recording) this.set({ ...this.view, recording: false });
  }

  /** The recorded frames and their rate; the caller owns them (and closes them, or hands them to an encoder). */
  takeClip(): { frames: ImageBitmap[]; fps: number } | null {
    if (this.clip.length === 0) return null;
    const frames = this.clip;
    const fps = Math.max(1, Math.round(frames.length / Math.max(this.view.recorded, 1 / 15)));
    this.clip = [];
    this.set({ ...this.view, recording: false, recorded: 0 });
    return { frames, fps };
  }

  /** The edited picture on screen now, at the camera's resolution, as PNG (null: nothing drawn yet). */
  async still(): Promise<Blob | null> {
    const canvas = this.canvas;
    if (!canvas || this.view.phase !== 'live') return null;
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }

  /** The sliders' next move starts from the face as it is now: the next face found becomes the reference again. */
  rereadFace(): void {
    this.needFace = true;
  }

  /** Figures of this session so far (bench and tests). */
  figures(): LiveFigures {
    return this.stats.figures();
  }

  /** Turns measuring each frame's pixels (flicker, difference()) on or off: it costs reads on the page's thread. */
  measureFrames(on: boolean): void {
    this.measure = on ? null : false;
  }

  /** Starts the figures over from the next frame (a bench leaves the session's first seconds out). */
  resetFigures(): void {
    this.stats = new LiveStats();
  }

  /** How many of the camera's tracks are still live (0 once stopped: the camera light is off). */
  get liveTracks(): number {
    return this.stream?.getTracks().filter((t) => t.readyState === 'live').length ?? 0;
  }

  /**
   * Inside each box, how the last edited frame differs from the camera frame it was made from (mean and largest
   * absolute change per channel); null until a frame has been measured (measureFrames(true) turns measuring on).
   */
  /** The face of the last measured frame (the one difference() reads); null until one is measured. */
  get measuredFace(): CameraFace | null {
    return this.measure ? this.measure.face : null;
  }

  difference(boxes: Box[]): { mean: number; max: number }[] | null {
    const last = this.measure;
    if (!last) return null;
    return boxes.map((box) => regionChange(last.camera, last.edited, this.view.width, box));
  }

  private async listDevices(): Promise<CameraDevice[]> {
    try {
      const all = await navigator.mediaDevices.enumerateDevices();
      return all
        .filter((d) => d.kind === 'videoinput')
        .map((d, i) => ({ id: d.deviceId, label: d.label || `Camera ${i + 1}` }));
    } catch {
      return [];
    }
  }

  /**
   * Each new camera frame goes to the engine unless one is there already. When the engine is free again, the newest
   * frame that arrived meanwhile goes at once if it is younger than half the camera's frame interval; an older one
   * would make its delay longer than waiting for the next frame does, so the mirror waits for that instead. Older
   * frames are never sent. A frame's delay counts from when the video element had it.
   */
  private loop(session: number): void {
    const video = this.video;
    let waiting: number | null = null; // when the newest frame not sent arrived
    let lastArrival: number | null = null;
    let interval = 1000 / 30; // the camera's frame interval (ms), followed as frames arrive
    const watch = () => {
      if (session !== this.session) return;
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback((now) => arrived(now));
      else requestAnimationFrame((now) => arrived(now));
    };
    const arrived = (now: number) => {
      watch();
      if (lastArrival !== null) interval += 0.2 * (Math.min(200, now - lastArrival) - interval);
      lastArrival = now;
      if (this.busy) waiting = now;
      else if (video.readyState >= 2) void run(now);
    };
    const run = async (arrivedAt: number) => {
      this.busy = true;
      waiting = null;
      try {
        await this.oneFrame(session, arrivedAt);
      } catch (e) {
        if (session === this.session) this.stop(`The camera mirror stopped: ${e instanceof Error ? e.message : e}`);
      } finally {
        this.busy = false;
      }
      const next = waiting;
      if (next !== null && session === this.session && performance.now() - next <= interval / 2) void run(next);
    };
    watch();
  }

  private async oneFrame(session: number, capturedAt: number): Promise<void> {
    const bitmap = await createImageBitmap(this.video);
    const cameraPixels = this.measure !== false ? pixelsOf(bitmap) : null;
    const edit = this.needFace ? null : this.source.edit();
    const frame = await this.engine.edit(bitmap, capturedAt, edit ?? undefined);
    if (!frame) return;
    if (session !== this.session) {
      frame.bitmap.close();
      return;
    }
    const canvas = this.canvas;
    if (canvas) {
      if (canvas.width !== frame.bitmap.width) canvas.width = frame.bitmap.width;
      if (canvas.height !== frame.bitmap.height) canvas.height = frame.bitmap.height;
      canvas.getContext('2d')?.drawImage(frame.bitmap, 0, 0);
    }
    this.stats.shown(capturedAt, performance.now(), frame.stages);
    if (cameraPixels && frame.face?.region) this.measureFlicker(cameraPixels, pixelsOf(frame.bitmap), frame.face);
    if (frame.face && this.needFace) {
      this.needFace = false;
      this.source.faceFound(frame.face.code);
    }
    if (this.view.recording) {
      this.clip.push(frame.bitmap);
      const recorded = (performance.now() - this.clipStartedAt) / 1000;
      this.set({ ...this.view, face: frame.face, recorded, recording: recorded < MAX_CLIP_SECONDS });
    } else {
      frame.bitmap.close();
      if (this.view.face?.how !== frame.face?.how || !this.view.face !== !frame.face)
        this.set({ ...this.view, face: frame.face });
    }
  }

  private measureFlicker(camera: Uint8ClampedArray, edited: Uint8ClampedArray, face: CameraFace) {
    const last = this.measure;
    const region = face.region!;
    if (last && last.camera.length === camera.length) {
      this.stats.flicker(
        regionChange(last.camera, camera, this.view.width, region).mean,
        regionChange(last.edited, edited, this.view.width, region).mean,
      );
    }
    this.measure = { camera, edited, face };
  }

  private dropClip(): void {
    this.clip.forEach((b) => b.close());
    this.clip = [];
  }

  private release(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.video.srcObject = null;
    this.dropClip();
    if (this.measure) this.measure = null;
  }

  private set(view: CameraView): void {
    this.view = view;
    for (const l of this.listeners) l();
  }
}

/** A bitmap's RGBA bytes (measuring only). */
function pixelsOf(bitmap: ImageBitmap): Uint8ClampedArray {
  const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
  if (!ctx) return new Uint8ClampedArray(0);
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}
