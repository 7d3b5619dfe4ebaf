import type { LoadPhase } from '../../../src/engine/protocol';

const PHASES: Record<LoadPhase, { label: string; from: number; to: number }> = {
  download: { label: 'Downloading the face model', from: 0, to: 0.7 },
  backend: { label: 'Choosing the fastest backend for this device', from: 0.7, to: 0.85 },
  warmup: { label: 'Warming up (compiling kernels)', from: 0.85, to: 1 },
};

export function LoadingScreen({ phase, progress }: { phase: LoadPhase; progress: number }) {
  const { label, from, to } = PHASES[phase];
  const overall = from + (to - from) * Math.min(1, Math.max(0, progress));
  return (
    <section className="screen loading" aria-busy="true" aria-live="polite" data-testid="loading">
      <h2>Loading…</h2>
      <p data-phase={phase}>{label}</p>
      <progress max={1} value={overall} aria-label="Loading progress" />
      <p className="muted">{Math.round(overall * 100)}%</p>
    </section>
  );
}
