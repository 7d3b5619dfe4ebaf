import type { Attribute } from '../../latent/attributes';
import { applyAttributeVectors, type LatentPoint } from '../../latent/attributeVector';
import type { CustomAttribute } from '../../latent/customAttributeJson';
import type { EditorState, Face } from '../editor/editorStore';

export type CustomGroup = 'has' | 'hasnt';

export interface CustomAttributeSlice {
  /** The loaded model's custom attributes, oldest first. */
  customAttributes: CustomAttribute[];
  /** Custom slider values by custom attribute id (absent = 0). Part of each undo step, like `offsets`. */
  customOffsets: Readonly<Record<string, number>>;
  /** The faces marked as having the property being defined, and as not having it. */
  customPicks: Record<CustomGroup, Face[]>;
  /** A new attribute's work in progress, if any (customMeasure.ts). */
  customMeasuring: CustomMeasuring | null;
}

/** Finding what moves the kept attributes' readings (the vector may still change), then measuring correlations. */
export interface CustomMeasuring {
  id: string;
  phase: 'orthogonalising' | 'correlating';
  done: number;
  total: number;
}

export const customAttributeSlice = (): CustomAttributeSlice => ({
  customAttributes: [],
  customOffsets: {},
  customPicks: { has: [], hasnt: [] },
  customMeasuring: null,
});

/** `input` with each custom slider's amount of its vector added; `input` itself when none is moved. */
export function withCustomEdits(
  state: Pick<EditorState, 'customAttributes' | 'customOffsets'>,
  input: LatentPoint,
  attributes: readonly Attribute[],
): LatentPoint {
  const list = state.customAttributes;
  return applyAttributeVectors(
    input,
    list.map((c) => c.vector),
    list.map((c) => state.customOffsets[c.id] ?? 0),
    attributes,
  );
}

/** Whether two sets of custom slider values move the face the same (absent and 0 are the same). */
export function sameCustomOffsets(
  a: Readonly<Record<string, number>> = {},
  b: Readonly<Record<string, number>> = {},
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}
