// The fastest native engine that installs here: onnxruntime-node (its CPU build ships inside the npm package), running
// the ONNX graphs that training/latentlab/studies/bench.py exports from the very weights the browser runs. Times one generator
// forward pass and one encoder pass, as the native PyTorch side does (no readback beyond ORT's own output copy).
import os from 'node:os';

/** `onnx`: bench.py's { generator: { path, inputShape }, encoder? }; `threads`: ORT's intra-op threads. */
export async function benchOnnx(onnx, { frames, threads = os.cpus().length }) {
  let ort;
  try {
    ort = (await import('onnxruntime-node')).default;
  } catch (e) {
    return { error: `onnxruntime-node did not load: ${String(e?.message ?? e).slice(0, 200)}` };
  }
  const out = { version: ort.env.versions?.node ?? 'unknown', threads };
  const figure = { generator: 'generatorFrameMs', encoder: 'encoderMs' };
  for (const [name, spec] of Object.entries(onnx ?? {})) {
    const session = await ort.InferenceSession.create(spec.path, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionProviders: ['cpu'],
    });
    try {
      const n = spec.inputShape.reduce((a, b) => a * b, 1);
      // Deterministic, non-trivial input in [-1, 1].
      const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.9);
      const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, spec.inputShape) };
      for (let i = 0; i < 5; i++) await session.run(feeds);
      const times = [];
      const runs = name === 'generator' ? frames : Math.ceil(frames / 2);
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await session.run(feeds);
        times.push(performance.now() - t);
      }
      out[figure[name]] = summary(times);
    } finally {
      await session.release();
    }
  }
  return out;
}

function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))];
  return { p50: at(50), p95: at(95), mean: s.reduce((a, b) => a + b, 0) / s.length, min: s[0], n: s.length };
}
