// `node bench/drivers/sliderPool.mjs [--label NAME] slider.json... [--label NAME slider.json...]`: several bench:slider runs
// (each run's bench/results/slider.json, copied aside) pooled per build: every input's latency of all runs together, p50 and
// p95, the share over 33 ms, how many inputs over 33 ms a drag has in its first 15 inputs and after them, and each
// run's own p95. One run's p95 moves by 10 ms or more from run to run on the shared 2-core machine; runs of two builds
// alternating and pooled are what tell builds apart, e.g. with two builds in folders A and B (`npx vite build --outDir`):
// `for i in 1 2 3; do for b in A B; do node bench/drivers/slider.mjs --no-build --out-dir $b; cp bench/results/slider.json
// /tmp/$(basename $b).$i.json; done; done`. Measures nothing itself; prints a table.
import { readFileSync } from 'node:fs';

const groups = [];
for (const a of process.argv.slice(2)) {
  if (a === '--label') groups.push({ label: null, files: [] });
  else if (groups.length > 0 && groups.at(-1).label === null) groups.at(-1).label = a;
  else {
    if (groups.length === 0) groups.push({ label: 'runs', files: [] });
    groups.at(-1).files.push(a);
  }
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const EARLY = 15;
console.log('| build | when | runs | inputs | p50 ms | p95 ms | over 33 ms | over 33 per drag: first 15 / rest | p95 of each run |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const { label, files } of groups) {
  const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  for (const when of ['refining', 'after', 'rested']) {
    const all = [];
    const perRun = [];
    let early = 0;
    let late = 0;
    let drags = 0;
    for (const run of runs) {
      const latencies = run.runs.flatMap((photo) => photo[when].latency);
      all.push(...latencies);
      perRun.push(pct(latencies, 0.95).toFixed(1));
      for (const photo of run.runs) {
        drags++;
        photo[when].latency.forEach((l, i) => {
          if (l > 33) i < EARLY ? early++ : late++;
        });
      }
    }
    const over = ((100 * all.filter((l) => l > 33).length) / all.length).toFixed(1);
    const perDrag = `${(early / drags).toFixed(1)} / ${(late / drags).toFixed(1)}`;
    const cells = [label, when, runs.length, all.length, pct(all, 0.5).toFixed(1), pct(all, 0.95).toFixed(1)];
    console.log(`| ${[...cells, `${over}%`, perDrag, perRun.join(', ')].join(' | ')} |`);
  }
}
