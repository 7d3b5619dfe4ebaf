// The built app runs under its Content Security Policy (build/csp.ts) on every backend: the whole editing and photo
// flow must cause no violation, in the page or in its workers.
import type { APIRequestContext, ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { editingFlow, photoFlow } from './flows';

const CSP_TEXT = /Content Security Policy|Content-Security-Policy/i;

/** Collects every CSP violation the page, its workers or the browser's log report. */
function recordViolations(page: Page): string[] {
  const seen: string[] = [];
  const onConsole = (where: string) => (m: ConsoleMessage) => {
    if (CSP_TEXT.test(m.text())) seen.push(`${where}: ${m.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (e) => CSP_TEXT.test(e.message) && seen.push(`page error: ${e.message}`));
  page.on('worker', (w) => {
    w.on('console', onConsole(`worker ${w.url()}`));
    void w
      .evaluate(() => {
        self.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      })
      .catch(() => {});
  });
  void page.exposeFunction('__cspViolation', (text: string) => seen.push(`document: ${text}`));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return seen;
}

test('the policy is served as a header and a meta tag, strict and first-party only', async ({ page, request }) => {
  const res = await request.get('./');
  const header = res.headers()['content-security-policy'] ?? '';
  expect(header).toContain("frame-ancestors 'none'");
  expect(res.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  await page.goto('./');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const policy of [header, meta ?? '']) {
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // First party only: no other origin, no wildcard, no inline code or eval.
    expect(policy).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
  }
  // No inline script anywhere in the page.
  expect(await page.locator('script:not([src])').count()).toBe(0);
});

/** Violation reports the preview server received (report-uri): the one channel every worker reports through. */
async function serverReports(request: APIRequestContext): Promise<string[]> {
  return (await (await request.get('__csp-report')).json()) as string[];
}

test('editing and a photo cause no CSP violation', async ({ editor, page, request }, testInfo) => {
  test.setTimeout(400_000);
  const reported = (await serverReports(request)).length;
  const violations = recordViolations(page);
  try {
    await editor.open();
    await editingFlow(editor, page);
    await photoFlow(editor, page, 0, testInfo.project.name !== 'webgpu');
  } finally {
    // Reports are sent in the background: give the last ones a moment to land before reading.
    await page.waitForTimeout(1000);
    violations.push(...(await serverReports(request)).slice(reported));
    expect(violations).toEqual([]);
  }
});
