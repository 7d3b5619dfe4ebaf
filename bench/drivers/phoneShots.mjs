// The README's phone screenshots (docs/phone-portrait.png, docs/phone-landscape.png): the real app in Debian's
// Chromium, WASM, at a phone's size with touch (390x844 upright, 844x390 sideways), with the public-domain NASA portrait
// in e2e/assets/ open and Smile moved to its end, scrolled as a person editing would be: the slider under the pinned
// face. Not a CelebA photo: CelebA's licence does not allow republishing its images.
// Usage: npm run bench:phone-shots -- [--no-build] [--port 4192]
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview } from '../lib/previewServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : 4192;
const PHOTO = join(root, 'e2e/assets/astronaut.jpg');
const SHOTS = [
  { viewport: { width: 390, height: 844 }, out: 'docs/phone-portrait.png' },
  { viewport: { width: 844, height: 390 }, out: 'docs/phone-landscape.png' },
];

if (!argv.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const { url, stop } = await startPreview({ root, port });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  for (const { viewport, out } of SHOTS) {
    const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${url}?backend=wasm`);
    await page.getByTestId('backend').waitFor({ timeout: 180_000 });
    await page.getByTestId('photo-input').setInputFiles(PHOTO);
    await page.locator('[data-testid="photo-status"][data-phase="done"]').waitFor({ timeout: 180_000 });
    const smile = page.getByRole('slider', { name: 'Smile' });
    await smile.scrollIntoViewIfNeeded();
    await smile.focus();
    await page.keyboard.press('End');
    await smile.blur();
    await page.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(r));
      await window.__latentLab.idle();
    });
    await page.screenshot({ path: join(root, out) });
    console.log(`wrote ${out}`);
    await context.close();
  }
} finally {
  await browser.close();
  stop();
}
