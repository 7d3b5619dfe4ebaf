// Accessibility: axe-core (through @axe-core/playwright) finds no serious or critical problem in the loaded editor,
// the photo flow, every panel and the shortcuts list, in the dark and the light theme; keyboard focus is always
// visible; "?" shows the keyboard shortcuts; the page follows the system's colour scheme.
import { expectNoSeriousViolations } from './axe';
import { expect, test } from './fixtures';
import { photoFlow } from './flows';

for (const colorScheme of ['dark', 'light'] as const) {
  test(`no serious axe violations: editor, photo flow, every panel, shortcuts (${colorScheme})`, async ({
    editor,
    page,
  }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme });
    await editor.open();
    await expectNoSeriousViolations(page, 'loaded editor');
    await photoFlow(editor, page);
    await editor.newFace(5);
    await page.getByLabel('Face A').selectOption({ index: 1 });
    await page.getByLabel('Face B').selectOption({ index: 2 });
    await page.getByRole('button', { name: 'Copy face JSON' }).click();
    await expect(page.getByTestId('notice')).toBeVisible();
    await expectNoSeriousViolations(page, 'photo done, interpolation set, a notice');
    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSeriousViolations(page, 'an error notice');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoSeriousViolations(page, 'shortcuts list');
  });
}

test('"?" shows the keyboard shortcuts, Escape closes them; typing "?" in a text field does not', async ({
  editor,
  page,
}) => {
  await editor.open();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await editor.slider('Smile').focus();
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByLabel('Face JSON').fill('');
  await page.getByLabel('Face JSON').press('?');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Face JSON')).toHaveValue('?');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
});

test('keyboard focus is always visible', async ({ editor, page }) => {
  await editor.open();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const seen = new Set<string>();
  // Tab through every control once (the page wraps around to the address bar and back): each shows a focus ring.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const inView = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
      const name = `${el.tagName} ${el.id || el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30)}`;
      return { name, ring, inView };
    });
    if (!focus) continue;
    expect(focus.ring, `${focus.name} shows no focus ring`).toBe(true);
    expect(focus.inView, `${focus.name} is focused off screen`).toBe(true);
    if (seen.has(focus.name)) break;
    seen.add(focus.name);
  }
  expect(seen.size).toBeGreaterThan(15);
});

test('follows the system colour scheme', async ({ editor, page }) => {
  await editor.open();
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  await page.emulateMedia({ colorScheme: 'light' });
  expect(luminance(await background())).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(luminance(await background())).toBeLessThan(50);
});
