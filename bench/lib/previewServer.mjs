// The benches' one way to serve a built app: `vite preview` in its own process group (so stopping it stops its
// children too), stopped when the bench exits, and answered before the bench goes on.
import { spawn } from 'node:child_process';

/**
 * Starts `vite preview` on `port` (serving `outDir` when given, with `config` when given) and waits until it answers.
 * Returns the page's base URL and `stop()`, which is also run when the process exits.
 */
export async function startPreview({ root, port, outDir, config, timeoutMs = 30_000 }) {
  const args = ['vite', 'preview', '--port', String(port), '--strictPort'];
  if (config) args.push('--config', config);
  if (outDir) args.push('--outDir', outDir);
  const server = spawn('npx', args, { cwd: root, stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  const url = `http://localhost:${port}/`;
  await waitForServer(url, timeoutMs);
  return { url, stop };
}

async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`preview server did not answer at ${url}`);
}
