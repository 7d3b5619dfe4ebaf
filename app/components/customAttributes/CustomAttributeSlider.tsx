import type { ModelInfo } from '../../../src/engine/protocol';
import { chanceLength, norm } from '../../../src/latent/attributeVector';
import type { CustomAttribute } from '../../../src/latent/customAttributeJson';
import { CUSTOM_RANGE } from '../../../src/store/customAttributes/customCorrelation';
import { useCustomAttributes } from '../../hooks/useCustomAttributes';
import { useActions, useEditorState } from '../../hooks/useEditor';
import { useGesture } from '../../hooks/useGesture';

interface Props {
  attribute: CustomAttribute;
  amount: number;
  model: ModelInfo;
}

/** One custom attribute: its slider (undoable like the model's own), and what it is made of, with Delete. */
export function CustomAttributeSlider({ attribute, amount, model }: Props) {
  const actions = useActions();
  const { custom } = useCustomAttributes();
  const begin = useGesture(actions);
  const measuring = useEditorState((s) => (s.customMeasuring?.id === attribute.id ? s.customMeasuring : null));
  const { id: key, name } = attribute;
  const id = `custom-${key}`;
  return (
    <div className="custom-attribute" data-custom-attribute={name}>
      <div className="slider-row">
        <label htmlFor={id}>{name}</label>
        <input
          id={id}
          type="range"
          min={-CUSTOM_RANGE}
          max={CUSTOM_RANGE}
          step={(2 * CUSTOM_RANGE) / 200}
          value={amount}
          // Its vector may still change while what moves the kept attributes is being removed.
          disabled={measuring?.phase === 'orthogonalising'}
          onPointerDown={begin}
          onChange={(e) => custom.setAmount(key, e.currentTarget.valueAsNumber)}
          aria-valuetext={`${name} ${amount.toFixed(2)}`}
        />
        <output htmlFor={id} className="value">
          {amount.toFixed(2)}
        </output>
        <button
          type="button"
          className="icon"
          onClick={() => custom.setAmount(key, 0)}
          disabled={amount === 0}
          aria-label={`Reset ${name}`}
          title={`Reset ${name}`}
        >
          ↺
        </button>
      </div>
      <details className="custom-details">
        <summary>About {name}</summary>
        <p className="muted small">
          {attribute.faces.has + attribute.faces.hasnt > 0
            ? `Made from ${attribute.faces.has} faces with it and ${attribute.faces.hasnt} without`
            : 'Arrived with a share link'}
          {attribute.orthogonalTo.length > 0 ? `; kept orthogonal to ${attribute.orthogonalTo.join(', ')}` : ''}
          {attribute.fromPhotos ? '; made with your photos, so it is never put in a share link' : ''}.
        </p>
        <ZPart attribute={attribute} model={model} />
        {measuring ? (
          <label className="small">
            {measuring.phase === 'orthogonalising'
              ? `Finding what moves the encoder's reading of ${attribute.orthogonalTo.join(', ')} (on this device)…`
              : 'Measuring correlations…'}{' '}
            <progress value={measuring.done} max={measuring.total} />
          </label>
        ) : (
          attribute.correlation && <CorrelationTable attribute={attribute} model={model} />
        )}
        <button type="button" className="danger" onClick={() => custom.remove(key)}>
          Delete {name}
        </button>
      </details>
    </div>
  );
}

/** How long the z part is against what chance alone gives with this many faces: near it, z is mostly chance. */
function ZPart({ attribute, model }: Omit<Props, 'amount'>) {
  const { has, hasnt } = attribute.faces;
  const z = norm(attribute.vector.subarray(0, model.latent.size));
  const y = norm(attribute.vector.subarray(model.latent.size));
  if (has === 0 || hasnt === 0) return null;
  const chance = chanceLength(model.latent, has, hasnt);
  return (
    <p className="muted small">
      Length per slider unit: y part {y.toFixed(2)}, z part {z.toFixed(2)}; chance alone would give z about{' '}
      {chance.toFixed(2)} with {has} + {hasnt} faces
      {z < 1.5 * chance ? ', so the z part is mostly chance: pick more faces' : ''}.
    </p>
  );
}

function CorrelationTable({ attribute, model }: Omit<Props, 'amount'>) {
  const { before, after, change } = attribute.correlation!;
  const orthogonal = attribute.orthogonalTo.length > 0;
  const show = (r: number | null | undefined) => (r === null || r === undefined ? '0 (no change)' : r.toFixed(2));
  const moved = (c: number | undefined) => (c === undefined ? '' : ` (${c >= 0 ? '+' : '−'}${Math.abs(c).toFixed(2)})`);
  return (
    <table className="correlations">
      <caption className="small">
        How each attribute, as the model’s own encoder reads it, follows this slider: Pearson r (−1 to 1) and, in
        brackets, how far its reading moves from one end of the slider to the other
      </caption>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">{orthogonal ? 'Before' : 'r'}</th>
          {orthogonal && <th scope="col">After orthogonalising</th>}
        </tr>
      </thead>
      <tbody>
        {model.attributes.map((a, j) => (
          <tr key={a.name} className={attribute.orthogonalTo.includes(a.name) ? 'kept' : undefined}>
            <th scope="row">{a.label}</th>
            <td data-change={change?.before[j]}>
              {show(before[j])}
              {moved(change?.before[j])}
            </td>
            {orthogonal && (
              <td data-change={change?.after[j]}>
                {show(after[j])}
                {moved(change?.after[j])}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
