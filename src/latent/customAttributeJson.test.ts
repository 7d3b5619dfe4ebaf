import { describe, expect, it } from 'vitest';
import {
  CustomAttributeError,
  MAX_CUSTOM_ATTRIBUTES,
  parseCustomAttributes,
  serializeCustomAttributes,
  type CustomAttribute,
} from './customAttributeJson';
import { randomLatent } from './random';

const shape = { modelId: 'm1', latentSize: 4, attributeNames: ['Smiling', 'Male'] };
const hat: CustomAttribute = {
  id: 'x',
  name: 'Hat',
  vector: randomLatent(3, { size: 6, mean: 0, std: 0.7 }),
  orthogonalTo: ['Male'],
  faces: { has: 3, hasnt: 2 },
  fromPhotos: false,
  correlation: { before: [0.2, -0.9], after: [0.1, null], change: { before: [0.4, -1.6], after: [0.2, 0] } },
};
let n = 0;
const newId = () => `id${++n}`;
const parse = (text: string) => parseCustomAttributes(text, shape, newId);
const file = () => JSON.parse(serializeCustomAttributes(shape, [hat])) as Record<string, unknown>;
const item = () => (file().customAttributes as Record<string, unknown>[])[0]!;
const withItem = (patch: Record<string, unknown>) =>
  JSON.stringify({ ...file(), customAttributes: [{ ...item(), ...patch }] });

describe('custom attributes as JSON', () => {
  it('round-trips every field, the vector bit for bit, with a new id', () => {
    const [back] = parse(serializeCustomAttributes(shape, [hat]));
    expect(back!.id).not.toBe('x');
    expect({ ...back!, id: 'x' }).toEqual(hat);
    expect(new Uint32Array(back!.vector.buffer)).toEqual(new Uint32Array(hat.vector.buffer));
  });

  it('refuses other formats and versions, foreign models and shapes, oversized lists', () => {
    const refuse = (text: string, message: RegExp) => expect(() => parse(text)).toThrow(message);
    refuse('[]', /expected a JSON object/);
    refuse(JSON.stringify({ ...file(), format: 'latent-lab-face' }), /not a custom-attributes file made by/);
    refuse(JSON.stringify({ ...file(), version: 2 }), /format version 2/);
    refuse(JSON.stringify({ ...file(), model: 'm2' }), /model "m2".*"m1"/);
    refuse(JSON.stringify({ ...file(), attributeNames: ['Male', 'Smiling'] }), /other attributes/);
    const many = Array.from({ length: MAX_CUSTOM_ATTRIBUTES + 1 }, () => item());
    refuse(JSON.stringify({ ...file(), customAttributes: many }), /at most 64/);
    refuse(JSON.stringify({ ...file(), customAttributes: {} }), /must be a list/);
  });

  it('refuses a bad attribute, naming it', () => {
    const refuse = (patch: Record<string, unknown>, message: RegExp) =>
      expect(() => parse(withItem(patch))).toThrow(message);
    refuse({ name: 'x'.repeat(41) }, /Custom attribute 1 needs a name/);
    refuse({ vector: [1, 2, 3] }, /"Hat": "vector" must be a list of 6 finite numbers/);
    refuse({ vector: [0, 0, 0, 0, 0, 0] }, /all zeros/);
    refuse({ vector: [1, 2, 3, 4, 5, '6'] }, /finite numbers/);
    refuse({ orthogonalTo: ['Young'] }, /"orthogonalTo" must list attributes of this model/);
    refuse({ faces: { has: -1, hasnt: 2 } }, /"faces"/);
    refuse({ fromPhotos: 'no' }, /"fromPhotos"/);
    refuse({ correlation: { before: [2, 0], after: [0, 0] } }, /values from -1 to 1/);
    refuse(
      { correlation: { before: [0, 0], after: [0, 0], change: { before: [1], after: [0, 0] } } },
      /"correlation.change" must hold 2/,
    );
    expect(() => parse(withItem({ correlation: null }))).not.toThrow(CustomAttributeError);
    // Files from before the change was measured still read.
    expect(parse(withItem({ correlation: { before: [0, 0], after: [0, 0] } }))[0]!.correlation).toEqual({
      before: [0, 0],
      after: [0, 0],
    });
  });
});
