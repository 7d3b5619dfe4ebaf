// Making a custom attribute through the panel, as a person does: new faces from seeds, marked "has it" or not in the
// picker, a name, optional attributes to keep unchanged, "Make slider". Shared by the custom-attribute and share specs.
import type { Page } from '@playwright/test';
import { expect, type EditorPage } from './fixtures';

export function customPanel(page: Page) {
  return page.getByRole('region', { name: 'Your attributes' });
}

export async function makeCustomAttribute(
  editor: EditorPage,
  page: Page,
  name: string,
  seeds: { has: number[]; hasnt: number[] },
  keep: string[] = [],
): Promise<void> {
  for (const seed of [...seeds.has, ...seeds.hasnt]) await editor.newFace(seed);
  const panel = customPanel(page);
  for (const seed of seeds.has)
    await panel.getByRole('button', { name: new RegExp(`^Has it\\s*: Seed ${seed}$`) }).click();
  for (const seed of seeds.hasnt) {
    await panel.getByRole('button', { name: new RegExp(`^Lacks it\\s*: Seed ${seed}$`) }).click();
  }
  await panel.getByLabel('Name').fill(name);
  for (const label of keep) await panel.getByRole('checkbox', { name: label, exact: true }).check();
  await panel.getByRole('button', { name: 'Make slider' }).click();
  await expect(editor.slider(name)).toBeVisible();
}
