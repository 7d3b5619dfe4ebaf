// Walks shared by the first-impression specs (CSP, accessibility, small screens): the editing flow and the photo
// flow, with real files and the real model.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type EditorPage } from './fixtures';

/** A CelebA "in the wild" photo, read at test time from the shared dataset (never committed). */
export function wildPhoto(index: number): string {
  const dir = resolve(import.meta.dirname, '../../shared/datasets/celeba/wild');
  const names = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
  names.sort();
  return resolve(dir, names[index]!);
}

/** Sliders, seeds, recent faces, interpolation and playback, undo/redo, compare, PNG download, face JSON. */
export async function editingFlow(editor: EditorPage, page: Page): Promise<void> {
  const smile = editor.slider('Smile');
  await smile.focus();
  await page.keyboard.press('End');
  await editor.newFace(7);
  await editor.newFace(8);
  await page.getByLabel('Face A').selectOption({ label: 'Seed 7' });
  await page.getByLabel('Face B').selectOption({ label: 'Seed 8' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  const compare = page.getByRole('button', { name: 'Hold to compare' });
  await compare.hover();
  await page.mouse.down();
  await page.mouse.up();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PNG 256' }).click();
  await download;
  await page.getByRole('button', { name: 'Copy face JSON' }).click();
  await page.getByRole('list', { name: 'Recent faces' }).getByRole('button', { name: 'Seed 7', exact: true }).click();
  await editor.settle();
}

/**
 * Opens a real photo through the picker and waits until it is inverted: refined to the end, or (`refined: false`)
 * stopped with "Stop refining" as soon as the encoder's face is on screen. The webgpu project uses that: SwiftShader
 * takes seconds per refinement step.
 */
export async function photoFlow(editor: EditorPage, page: Page, index = 0, refined = true): Promise<void> {
  await page.getByTestId('photo-input').setInputFiles(wildPhoto(index));
  const status = page.getByTestId('photo-status');
  if (!refined) {
    // Editable from the first result on; stopping the refinement early is what a person in a hurry does.
    await expect(status).toHaveAttribute('data-phase', /^(refining|done)$/, { timeout: 120_000 });
    const stop = page.getByRole('button', { name: 'Stop refining' });
    if (await stop.isVisible()) await stop.click();
  }
  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const smile = editor.slider('Smile');
  await smile.focus();
  await smile.press('ArrowRight');
  await editor.settle();
}
