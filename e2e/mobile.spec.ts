// A phone: 390x844 with touch (and 360 px, the narrowest screen we support, and the same phone held sideways).
// Nothing is wider than the screen, the face is whole and as wide as the screen allows, every control is a 44 px
// touch target, and a slider dragged by a finger edits the face.
import type { Page } from '@playwright/test';
import { differingValues, expect, test } from './fixtures';
import { photoFlow } from './flows';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Elements (outside scrolling strips, which scroll on purpose) that stick out of the viewport sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || clipped(el)) continue;
      if (r.left < -0.5 || r.right > width + 0.5)
        out.push(`${el.tagName}.${el.className} ${r.left.toFixed(0)}..${r.right.toFixed(0)}`);
    }
    return out;
  });
}

/** Visible controls smaller than 44x44 CSS pixels. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('button, select, input, textarea, a[href], [role="button"]'))
      .filter((el) => (el as HTMLElement).offsetParent !== null && !(el as HTMLInputElement).hidden)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(
        ({ el, r }) =>
          `${el.tagName} "${el.getAttribute('aria-label') ?? el.textContent}" ${r.width.toFixed(0)}x${r.height.toFixed(0)}`,
      ),
  );
}

async function expectFaceFits(page: Page): Promise<void> {
  // The main view: the edited photo's face region while a photo is open (the generated face is then a thumbnail).
  const photo = page.getByTestId('photo-canvas');
  const main = (await photo.isVisible()) ? photo : page.getByTestId('face-canvas');
  const box = (await main.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(box.height).toBeLessThanOrEqual(height);
  // As large as the screen allows: only the page's margins are left beside it (or above and below it, sideways).
  expect(Math.min(width, height) - box.width).toBeLessThanOrEqual(40);
}

test('at 390x844 nothing overflows, the face fills the width and every control is a touch target', async ({
  editor,
  page,
}) => {
  test.setTimeout(240_000);
  await editor.open();
  await expectFaceFits(page);
  expect(await overflowing(page)).toEqual([]);
  expect(await smallTargets(page)).toEqual([]);
  // The busiest state: a photo with its preview, crop and progress, a notice, and two faces to interpolate.
  await photoFlow(editor, page);
  await editor.newFace(3);
  await page.getByLabel('Face A').selectOption({ index: 1 });
  await page.getByLabel('Face B').selectOption({ index: 2 });
  expect(await overflowing(page)).toEqual([]);
  expect(await smallTargets(page)).toEqual([]);
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 844, height: 390 },
  ]) {
    await page.setViewportSize(viewport);
    expect(await overflowing(page), `${viewport.width}x${viewport.height}`).toEqual([]);
    await expectFaceFits(page);
  }
});

test('a slider dragged by touch edits the face', async ({ editor, page }) => {
  await editor.open();
  const before = await editor.pixels();
  const slider = editor.slider('Smile');
  const value = await slider.inputValue();
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  // A real touch sequence through the browser's input pipeline (start, moves, end), as a finger makes it.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x?: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: x === undefined ? [] : [{ x, y }] });
  // From the thumb (Smile starts at its off value), to the right.
  const min = Number(await slider.getAttribute('min'));
  const max = Number(await slider.getAttribute('max'));
  const from = box.x + 8 + ((box.width - 16) * (Number(value) - min)) / (max - min);
  await touch('touchStart', from);
  for (let i = 1; i <= 10; i++) await touch('touchMove', from + (box.width * 0.3 * i) / 10);
  await touch('touchEnd');
  await expect(slider).not.toHaveValue(value);
  expect(differingValues(before, await editor.pixels())).toBeGreaterThan(0);
  // One drag is one undo step.
  await page.getByRole('button', { name: 'Undo' }).tap();
  await editor.expectFrame(before);
});
