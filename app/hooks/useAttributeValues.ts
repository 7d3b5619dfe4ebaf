import { useMemo } from 'react';
import { selectAttributeValues } from '../../src/store/editor/selectors';
import { useEditorState } from './useEditor';

/** What the sliders show (edits applied), or null before a face fits the model. */
export function useAttributeValues(): Float32Array | null {
  // Select the inputs (stable references) and derive values here, so the selector never returns a fresh array.
  const face = useEditorState((s) => s.face);
  const offsets = useEditorState((s) => s.offsets);
  const interpolation = useEditorState((s) => s.interpolation);
  const status = useEditorState((s) => s.status);
  return useMemo(
    () => selectAttributeValues({ face, offsets, interpolation, status }),
    [face, offsets, interpolation, status],
  );
}
