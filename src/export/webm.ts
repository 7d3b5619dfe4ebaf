import { BufferTarget, Output, Quality, VideoSample, VideoSampleSource, WebMOutputFormat } from 'mediabunny';

export type WebmCodec = 'vp9' | 'vp8';

/**
 * A WebM video, frame by frame: the platform's WebCodecs VideoEncoder encodes, mediabunny muxes. Every frame is a
 * key frame's worth apart at most a second, so any point of a short clip seeks quickly.
 */
export class WebmWriter {
  private output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  private source: VideoSampleSource;
  private started: Promise<void>;
  private count = 0;

  constructor(
    private readonly fps: number,
    codec: WebmCodec,
  ) {
    this.source = new VideoSampleSource({ codec, quality: new Quality('high'), keyFrameInterval: 1 });
    this.output.addVideoTrack(this.source, { frameRate: fps });
    this.started = this.output.start();
  }

  /** Encodes one frame (the caller still owns `image`); resolves when the encoder can take the next. */
  async add(image: ImageBitmap): Promise<void> {
    await this.started;
    const sample = new VideoSample(image, { timestamp: this.count / this.fps, duration: 1 / this.fps });
    try {
      await this.source.add(sample);
    } finally {
      sample.close();
    }
    this.count++;
  }

  /** The finished file's bytes. */
  async finish(): Promise<ArrayBuffer> {
    await this.started;
    if (this.count === 0) throw new Error('a video needs at least one frame');
    await this.output.finalize();
    const { buffer } = this.output.target as BufferTarget;
    if (!buffer) throw new Error('the WebM muxer produced no file');
    return buffer;
  }

  /** Stops early, freeing the encoder. */
  async cancel(): Promise<void> {
    await this.output.cancel();
  }
}
