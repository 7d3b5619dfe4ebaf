/** A labelled <select> over a list of values (numbers or strings), for the explore and export forms. */
export function ChoiceField<T extends string | number>({
  label,
  name,
  value,
  options,
  empty,
  onChange,
  disabled = false,
}: {
  /** What shows above the field. */
  label: string;
  /** Its accessible name, when it should say more than the label. */
  name?: string;
  value: T | null;
  options: readonly { value: T; label: string; disabled?: boolean }[];
  /** Offers "none" under this label; choosing it reports null. */
  empty?: string;
  onChange: (value: T | null) => void;
  disabled?: boolean;
}) {
  return (
    <label className="explore-field">
      {label}
      <select
        aria-label={name ?? label}
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => {
          const picked = options.find((o) => String(o.value) === e.currentTarget.value);
          onChange(picked ? picked.value : null);
        }}
      >
        {(empty !== undefined || value === null) && <option value="">{empty ?? 'Choose…'}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
