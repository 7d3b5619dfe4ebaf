/** A labelled number box that reports only finite numbers (a cleared or half-typed box changes nothing). */
export function NumberField({
  label,
  value,
  min,
  max,
  step,
  disabled,
  onValue,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  disabled?: boolean;
  onValue: (value: number) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const n = e.currentTarget.valueAsNumber;
          if (Number.isFinite(n)) onValue(n);
        }}
      />
    </label>
  );
}
