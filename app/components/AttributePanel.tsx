import { useMemo } from 'react';
import type { Attribute } from '../../src/latent/attributes';
import { selectAttributeValues } from '../../src/store/selectors';
import { useActions, useEditorState } from '../hooks/useEditor';
import { AttributeSlider } from './AttributeSlider';
import { Explain } from './Explain';

export function AttributePanel({ attributes }: { attributes: Attribute[] }) {
  const actions = useActions();
  // Select the inputs (stable references) and derive values here, so the selector never returns a fresh array.
  const face = useEditorState((s) => s.face);
  const offsets = useEditorState((s) => s.offsets);
  const interpolation = useEditorState((s) => s.interpolation);
  const status = useEditorState((s) => s.status);
  const values = useMemo(
    () => selectAttributeValues({ face, offsets, interpolation, status }),
    [face, offsets, interpolation, status],
  );
  const anyEdited = offsets.some((o) => o !== 0);
  return (
    <section className="panel" aria-labelledby="attributes-title">
      <div className="panel-head">
        <div className="panel-title">
          <h2 id="attributes-title">Attributes</h2>
          <Explain topic="z-and-y" label="z and y" />
          <Explain topic="generator" label="generator" />
        </div>
        <button type="button" onClick={() => actions.resetAll()} disabled={!anyEdited}>
          Reset all
        </button>
      </div>
      {attributes.map((spec, i) => (
        <AttributeSlider
          key={spec.name}
          index={i}
          spec={spec}
          value={values?.[i] ?? spec.default}
          edited={(offsets[i] ?? 0) !== 0}
        />
      ))}
    </section>
  );
}
