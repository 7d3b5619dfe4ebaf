import { useEffect, useRef } from 'react';
import type { ModelInfo } from '../../../src/engine/protocol';
import { MAX_CUSTOM_FILE_BYTES } from '../../../src/latent/customAttributeJson';
import { saveBlob } from '../../download';
import { useCustomAttributes } from '../../hooks/useCustomAttributes';
import { useActions, useEditorState } from '../../hooks/useEditor';
import { CustomAttributeBuilder } from './CustomAttributeBuilder';
import { CustomAttributeSlider } from './CustomAttributeSlider';
import { Explain } from '../teach/Explain';
import './customAttributes.css';

/** The person's own attributes: their sliders, a form to make one, and export / import as JSON. */
export function CustomAttributePanel({ model }: { model: ModelInfo }) {
  const actions = useActions();
  const { custom } = useCustomAttributes();
  const list = useEditorState((s) => s.customAttributes);
  const amounts = useEditorState((s) => s.customOffsets);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => custom.load(), [custom, model.id]);

  const exportFile = () => {
    const text = custom.exportJson();
    if (text) saveBlob(new Blob([text], { type: 'application/json' }), `custom-attributes-${model.id}.json`);
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_CUSTOM_FILE_BYTES) {
      actions.notify({
        kind: 'error',
        text: `Nothing was imported. "${file.name}" is too large (over ${MAX_CUSTOM_FILE_BYTES / 1e6} MB) to be custom attributes.`,
      });
    } else {
      custom.importJson(await file.text());
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <section className="panel custom-panel" aria-labelledby="custom-title">
      <div className="panel-title">
        <h2 id="custom-title">Your attributes</h2>
        <Explain topic="attribute-vectors" />
      </div>
      {list.length === 0 ? (
        <p className="muted small">None yet: make one from faces you pick below.</p>
      ) : (
        list.map((c) => <CustomAttributeSlider key={c.id} attribute={c} amount={amounts[c.id] ?? 0} model={model} />)
      )}
      <CustomAttributeBuilder model={model} />
      <div className="row custom-files">
        <button type="button" onClick={exportFile} disabled={list.length === 0}>
          Export JSON
        </button>
        <label className="file-button">
          Import JSON
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
    </section>
  );
}
