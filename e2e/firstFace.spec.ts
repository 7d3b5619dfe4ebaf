// Random faces start from a real row of the training labels (the manifest's attributePrior), not every attribute off,
// and a seed still gives one face, attributes included.
import { expect, test } from './fixtures';

test('random faces take their attributes from the training labels; the same seed gives the same ones', async ({
  editor,
  request,
}) => {
  const manifest = (await (await request.get('models/celeba64/manifest.json')).json()) as {
    attributePrior: { rows: { values: number[] }[] };
  };
  const rows = new Set(manifest.attributePrior.rows.map((r) => r.values.join()));
  await editor.open();
  const values = () => Promise.all(editor.manifest.attributes.map((a) => editor.slider(a.label).inputValue()));
  const first = await values();
  expect(rows.has(first.map(Number).join()), `first face ${first.join()}`).toBe(true);
  const seen: string[] = [];
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    await editor.newFace(seed);
    const v = (await values()).map(Number).join();
    expect(rows.has(v), `seed ${seed}: ${v}`).toBe(true);
    seen.push(v);
  }
  // Not the all-off face every time.
  expect(seen.filter((v) => v.split(',').every((x) => x === '-1')).length).toBeLessThan(seen.length);
  await editor.newFace(3);
  const frame = await editor.pixels();
  expect((await values()).map(Number).join()).toBe(seen[2]);
  await editor.newFace(4);
  await editor.newFace(3);
  expect((await values()).map(Number).join()).toBe(seen[2]);
  await editor.expectFrame(frame);
});
