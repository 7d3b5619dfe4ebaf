// Where the time went in a Chrome trace (Playwright's browser.startTracing, categories devtools.timeline, blink, cc):
// each thread's busy share of the traced span (its top-level tasks), and on the page's main thread the share of paint
// and of commit to the compositor, with the elements painted most. `node bench/lib/traceSummary.mjs trace.json`, or
// summarize(path) from bench:slider's --trace.
import { readFileSync } from 'node:fs';

export function summarize(path) {
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const timed = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  const start = Math.min(...timed.map((e) => e.ts));
  const span = (Math.max(...timed.map((e) => e.ts + e.dur)) - start) / 1000;
  const busy = new Map();
  const main = { paint: 0, commit: 0 };
  const painted = new Map();
  for (const e of timed) {
    const thread = names.get(`${e.pid}:${e.tid}`) ?? '?';
    const ms = e.dur / 1000;
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask') {
      busy.set(thread, (busy.get(thread) ?? 0) + ms);
    }
    if (thread !== 'CrRendererMain') continue;
    if (e.name === 'Paint') {
      main.paint += ms;
      const node = `${e.args?.data?.nodeName ?? '?'} (clip height ${e.args?.data?.clip?.[5] ?? '?'} px)`;
      painted.set(node, (painted.get(node) ?? 0) + ms);
    } else if (e.name === 'Commit') main.commit += ms;
  }
  const share = (ms) => `${((100 * ms) / span).toFixed(0)}%`;
  const lines = [`traced ${span.toFixed(0)} ms`];
  for (const [thread, ms] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 6)) lines.push(`busy ${share(ms)}: ${thread}`);
  lines.push(`main thread: paint ${share(main.paint)}, commit ${share(main.commit)}`);
  for (const [node, ms] of [...painted].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
    lines.push(`  painted ${node}: ${ms.toFixed(0)} ms`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(summarize(process.argv[2]));
