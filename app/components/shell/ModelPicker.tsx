import { isModelId, MODELS } from '../../../src/store/editor/modelChoice';
import { useEditorState } from '../../hooks/useEditor';
import { useModelChoice } from '../../hooks/useModelChoice';

/** The model picker in the header; a switch loads the other model with the usual progress screen. */
export function ModelPicker() {
  const { modelId, switchModel } = useModelChoice();
  const loading = useEditorState((s) => s.status.kind === 'loading');
  return (
    <label className="model-picker">
      Model{' '}
      <select
        value={modelId}
        disabled={loading}
        onChange={(e) => {
          const id = e.currentTarget.value;
          if (isModelId(id)) switchModel(id);
        }}
      >
        {MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
}
