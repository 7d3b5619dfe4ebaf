import type { Attribute } from '../../../src/latent/attributes';
import { useAttributeValues } from '../../hooks/useAttributeValues';
import { useActions, useEditorState } from '../../hooks/useEditor';
import { AttributeSlider } from './AttributeSlider';
import { Explain } from '../teach/Explain';

export function AttributePanel({ attributes }: { attributes: Attribute[] }) {
  const actions = useActions();
  const offsets = useEditorState((s) => s.offsets);
  const customEdited = useEditorState((s) => Object.keys(s.customOffsets).length > 0);
  const values = useAttributeValues();
  const anyEdited = customEdited || offsets.some((o) => o !== 0);
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
