import { useActions, useEditorState } from '../../hooks/useEditor';
import { useGesture } from '../../hooks/useGesture';
import { Explain } from '../teach/Explain';
import { faceLabel } from '../editor/FaceThumbnail';

export function InterpolationPanel() {
  const actions = useActions();
  const beginDrag = useGesture(actions);
  const recent = useEditorState((s) => s.recent);
  const { a, b, t, playing } = useEditorState((s) => s.interpolation);
  const ready = a !== null && b !== null;
  // Faces picked earlier stay choosable even after they scroll out of the recent strip.
  const options = [...new Set([...recent, ...(a ? [a] : []), ...(b ? [b] : [])])];

  const endpoint = (end: 'a' | 'b', value: typeof a) => (
    <label className="endpoint">
      <span>{end.toUpperCase()}</span>
      <select
        aria-label={`Face ${end.toUpperCase()}`}
        value={value?.id ?? ''}
        onChange={(e) => actions.setEndpoint(end, e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
      >
        <option value="">Choose a face…</option>
        {options.map((f) => (
          <option key={f.id} value={f.id}>
            {faceLabel(f)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="panel" aria-labelledby="interp-title">
      <div className="panel-title">
        <h2 id="interp-title">Interpolate</h2>
        <Explain topic="slerp-vs-lerp" />
      </div>
      <div className="endpoints">
        {endpoint('a', a)}
        {endpoint('b', b)}
      </div>
      <div className="slider-row">
        <label htmlFor="interp-t">t</label>
        <input
          id="interp-t"
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={t}
          disabled={!ready}
          onPointerDown={beginDrag}
          onChange={(e) => actions.setT(e.currentTarget.valueAsNumber)}
        />
        <output htmlFor="interp-t" className="value">
          {t.toFixed(2)}
        </output>
        <button
          type="button"
          className="icon"
          disabled={!ready}
          onClick={() => actions.setPlaying(!playing)}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause' : 'Play'}
        >
          {playing ? '❚❚' : '▶'}
        </button>
      </div>
      <p className="muted small">
        {ready
          ? 'Latent by slerp, attributes by lerp; your slider edits apply on top.'
          : 'Choose faces A and B from your recent faces.'}
      </p>
    </section>
  );
}
