import { applyOffsets } from '../../latent/attributes';
import { lerp, slerp } from '../../latent/interpolate';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { withCustomEdits } from '../customAttributes/customAttributeSlice';
import type { EditorState } from './editorStore';

export function selectModel(state: Pick<EditorState, 'status'>): ModelInfo | null {
  return state.status.kind === 'ready' ? state.status.model : null;
}

export function isInterpolating(state: EditorState): boolean {
  return state.interpolation.a !== null && state.interpolation.b !== null;
}

/** The face before slider edits: the current face, or the A-B mix (z by slerp, y by lerp) while interpolating. */
export function selectBase(
  state: Pick<EditorState, 'face' | 'interpolation'>,
): { latent: Float32Array; attributes: Float32Array } | null {
  const { a, b, t } = state.interpolation;
  if (a && b) return { latent: slerp(a.latent, b.latent, t), attributes: lerp(a.attributes, b.attributes, t) };
  return state.face;
}

/** Attribute values after edits, clamped to the manifest's ranges: what the sliders show. */
export function selectAttributeValues(
  state: Pick<EditorState, 'status' | 'face' | 'offsets' | 'interpolation'>,
): Float32Array | null {
  const model = selectModel(state);
  const base = selectBase(state);
  if (!model || !base || state.offsets.length !== model.attributes.length) return null;
  return applyOffsets(base.attributes, state.offsets, model.attributes);
}

/** What the canvas should show now (custom sliders included); while comparing, the face without edits. */
export function selectFrameInput(state: EditorState): FrameInput | null {
  const base = selectBase(state);
  const values = selectAttributeValues(state);
  if (!base || !values) return null;
  const snapshot = state.snapshot === null ? {} : { snapshot: state.snapshot };
  if (state.comparing) return { latent: base.latent, attributes: base.attributes, ...snapshot };
  return {
    ...withCustomEdits(state, { latent: base.latent, attributes: values }, selectModel(state)!.attributes),
    ...snapshot,
  };
}

/**
 * Whether the main view shows the open photo with the edit pasted in: a photo has been inverted and the face on
 * screen is its face (itself, or one end of an interpolation).
 */
export function selectPhotoView(state: Pick<EditorState, 'photo' | 'face' | 'interpolation'>): boolean {
  const id = state.photo?.face?.id;
  if (id === undefined) return false;
  const { a, b } = state.interpolation;
  return a && b ? a.id === id || b.id === id : state.face?.id === id;
}
