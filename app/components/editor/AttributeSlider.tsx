import type { Attribute } from '../../../src/latent/attributes';
import { useActions } from '../../hooks/useEditor';
import { useGesture } from '../../hooks/useGesture';

interface Props {
  index: number;
  spec: Attribute;
  value: number;
  edited: boolean;
}

export function AttributeSlider({ index, spec, value, edited }: Props) {
  const actions = useActions();
  const id = `attr-${spec.name}`;
  const begin = useGesture(actions);
  return (
    <div className="slider-row" data-attribute={spec.name}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        type="range"
        min={spec.min}
        max={spec.max}
        step={(spec.max - spec.min) / 200}
        value={value}
        onPointerDown={begin}
        onChange={(e) => actions.setAttribute(index, e.currentTarget.valueAsNumber)}
        aria-valuetext={`${spec.label} ${value.toFixed(2)}`}
      />
      <output htmlFor={id} className="value">
        {value.toFixed(2)}
      </output>
      <button
        type="button"
        className="icon"
        onClick={() => actions.resetAttribute(index)}
        disabled={!edited}
        aria-label={`Reset ${spec.label}`}
        title={`Reset ${spec.label}`}
      >
        ↺
      </button>
    </div>
  );
}
