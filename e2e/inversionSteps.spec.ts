// The inversion step-through with a real photo (CelebA "in the wild", read from the shared dataset at run time), the
// real model and real Chromium: pause the refinement, step it once, resume it, and the memory comes back after.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, type EditorPage } from './fixtures';
import { wildPhoto } from './flows';

test.describe.configure({ timeout: 600_000 });

/** Drops photo `index` on the page through Playwright's own drag events, carrying the file. */
async function dropPhoto(page: Page, index: number): Promise<void> {
  const transfer = await page.evaluateHandle(
    (bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'wild.jpg', { type: 'image/jpeg' }));
      return dt;
    },
    [...readFileSync(wildPhoto(index))],
  );
  for (const type of ['dragenter', 'dragover', 'drop'])
    await page.dispatchEvent('body', type, { dataTransfer: transfer });
  await transfer.dispose();
}

const phase = (page: Page) => page.getByTestId('photo-status');

/** Drops photo `index` with "pause each new photo" on, steps once, resumes to the end and closes the photo. */
async function stepThrough(editor: EditorPage, page: Page, index: number): Promise<void> {
  const panel = page.getByTestId('inversion-steps');
  await panel.getByRole('checkbox', { name: /Pause each new photo/ }).check();
  await dropPhoto(page, index);
  const readout = panel.getByTestId('steps-readout');
  const step = panel.getByRole('button', { name: 'Step', exact: true });
  // Held at the encoder's first guess (step 0), with a loss and a PSNR.
  await expect(readout).toHaveAttribute('data-step', '0', { timeout: 300_000 });
  await expect(readout).toHaveAttribute('data-paused', 'true');
  await expect(step).toBeEnabled();
  await editor.settle();
  await expect(readout).toHaveAttribute('data-step', '0');
  await expect(readout).toHaveAttribute('data-points', '1');

  // One Step: exactly one more step, with its loss and PSNR, and then held again.
  await step.click();
  await expect(readout).toHaveAttribute('data-step', '1');
  await expect(readout).toHaveAttribute('data-points', '2');
  const loss = Number(await readout.getAttribute('data-loss'));
  expect(Number.isFinite(loss) && loss > 0).toBe(true);
  await expect(readout).toContainText('Step 1');
  await expect(readout).toContainText(`loss ${loss.toPrecision(3)}`);
  await expect(panel.getByRole('img', { name: /^Loss by step/ })).toBeVisible();
  await editor.settle();
  await expect(readout).toHaveAttribute('data-step', '1');

  // Resume: the refinement runs on to the end, and the curve gains points.
  await panel.getByRole('checkbox', { name: /Pause each new photo/ }).uncheck();
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(readout).toHaveAttribute('data-paused', 'false');
  await expect(phase(page)).toHaveAttribute('data-phase', 'done', { timeout: 300_000 });
  expect(Number(await readout.getAttribute('data-points'))).toBeGreaterThan(2);
  await expect(panel.getByRole('button', { name: 'Pause' })).toBeDisabled();
  await page.getByRole('button', { name: 'Close photo' }).click();
}

test('a dropped photo: held at the first guess, one Step adds exactly one step with its loss, Resume finishes', async ({
  editor,
  page,
}) => {
  await editor.open();
  // The first photo loads the face detector, whose weights stay: the count to come back to is taken after it.
  await stepThrough(editor, page, 0);
  const tensors = await editor.memory();
  await stepThrough(editor, page, 2);
  await expect.poll(() => editor.memory(), { timeout: 60_000 }).toBe(tensors);
});
