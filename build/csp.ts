// The app's Content Security Policy: nothing but our own origin, and only what WebAssembly needs beyond that. The
// preview server sends it as a header (with frame-ancestors, which a <meta> cannot carry, and a report endpoint the
// end-to-end tests read); the build writes it into index.html as a <meta> for static hosts that cannot set headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

const PAGE: Record<string, string> = {
  'default-src': "'self'",
  // tfjs's WASM backend compiles its .wasm (served from our origin); no eval, no inline script.
  'script-src': "'self' 'wasm-unsafe-eval'",
  // The engine's module worker, from our origin.
  'worker-src': "'self'",
  'connect-src': "'self'",
  // The photo preview shows the dropped file through a blob: URL.
  'img-src': "'self' blob:",
  'style-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};
// Inside the engine worker, the threaded WASM backend (Emscripten pthreads) starts its helper workers from blob: URLs
// that importScripts() another blob: holding its own loader. Only the worker's policy allows that; the page's does not.
const WORKER = { ...PAGE, 'script-src': "'self' 'wasm-unsafe-eval' blob:", 'worker-src': "'self' blob:" };

const serialize = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/** For a <meta http-equiv>: frame-ancestors and report-uri are ignored (and warned about) there. */
export const CSP_META = serialize(PAGE);
export const CSP_REPORT_PATH = '/__csp-report';
/** Headers: the page's policy, or the one a worker script's response carries (a worker obeys its own response's). */
const headerFor = (url: string) => serialize({ ...(url.endsWith('.js') ? WORKER : PAGE), 'frame-ancestors': "'none'" });

/** Puts the policy into the app's built HTML (not the dev server's: Vite's dev client injects inline scripts). */
export function contentSecurityPolicy(): Plugin {
  const reports: unknown[] = [];
  const collect = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST')
      return void res.setHeader('Content-Type', 'application/json').end(JSON.stringify(reports));
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      reports.push(body);
      res.statusCode = 204;
      res.end();
    });
  };
  return {
    name: 'latent-lab-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.server && ctx.filename.endsWith('index.html')) {
          return [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
              injectTo: 'head-prepend',
            },
          ];
        }
        return html;
      },
    },
    // bench.html is a measuring tool, not the app: it keeps only the isolation headers.
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '/';
        if (path === CSP_REPORT_PATH) return collect(req, res);
        if (!path.startsWith('/bench')) {
          res.setHeader('Content-Security-Policy', `${headerFor(path)}; report-uri ${CSP_REPORT_PATH}`);
        }
        next();
      });
    },
  };
}
