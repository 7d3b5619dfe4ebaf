import { useState } from 'react';
import type { Animation } from '../../../src/export/animation';
import type { Attribute } from '../../../src/latent/attributes';
import { GRID_MAX_SIDE, type GridCorners } from '../../../src/latent/grid';
import type { Face } from '../../../src/store/editor/editorStore';
import { useEditorState } from '../../hooks/useEditor';
import { ChoiceField } from '../common/ChoiceField';
import { faceLabel } from '../editor/FaceThumbnail';

/** A sheet of faces: the animation it samples and how many faces, laid out in `cols` columns. */
export interface Sheet {
  animation: Animation;
  count: number;
  cols: number;
  title: string;
}

const CORNERS = ['Top left', 'Top right', 'Bottom left', 'Bottom right'] as const;
const point = (f: Face) => ({ latent: f.latent, attributes: f.attributes });

/** Chooses a grid (2 or 4 faces from the recent strip, rows x columns) or a strip along one attribute. */
export function SheetForm({
  attributes,
  attribute,
  onAttribute,
  current,
  onSheet,
}: {
  attributes: readonly Attribute[];
  attribute: number;
  onAttribute: (index: number) => void;
  /** The face on screen with its edits, for the strip. */
  current: () => { latent: Float32Array; attributes: Float32Array } | null;
  onSheet: (sheet: Sheet) => void;
}) {
  const recent = useEditorState((s) => s.recent);
  const [ids, setIds] = useState<(number | null)[]>([null, null, null, null]);
  const [rows, setRows] = useState(3);
  const [cols, setCols] = useState(3);
  const [stripCount, setStripCount] = useState(5);
  const faceOptions = recent.map((f) => ({ value: f.id, label: faceLabel(f) }));
  const chosen = ids.map((id) => recent.find((f) => f.id === id) ?? null);
  const [tl = null, tr = null, bl = null, br = null] = chosen;
  const four = bl !== null && br !== null;
  const corners: GridCorners | null =
    tl && tr ? (four ? [point(tl), point(tr), point(bl), point(br)] : [point(tl), point(tr)]) : null;
  const side = (n: number, min: number) => Number.isInteger(n) && n >= min && n <= GRID_MAX_SIDE;
  const gridOk =
    corners !== null && side(cols, 2) && (!four || side(rows, 2)) && (four || bl === null) && (four || br === null);

  const makeGrid = () => {
    if (!corners || !gridOk) return;
    const r = four ? rows : 1;
    onSheet({
      animation: { kind: 'grid', corners, rows: r, cols },
      count: r * cols,
      cols,
      title: `Grid ${r} x ${cols}`,
    });
  };
  const makeStrip = () => {
    const face = current();
    const spec = attributes[attribute];
    if (!face || !spec || !side(stripCount, 2)) return;
    onSheet({
      animation: { kind: 'sweep', face, attribute, from: spec.min, to: spec.max },
      count: stripCount,
      cols: stripCount,
      title: `${spec.label} from ${spec.min} to ${spec.max}`,
    });
  };

  const number = (id: string, label: string, value: number, set: (n: number) => void, disabled = false) => (
    <label className="explore-field" htmlFor={id}>
      {label}
      <input
        id={id}
        type="number"
        min={2}
        max={GRID_MAX_SIDE}
        value={value}
        disabled={disabled}
        onChange={(e) => set(e.currentTarget.valueAsNumber)}
      />
    </label>
  );

  return (
    <>
      <div className="explore-block">
        <h3 className="small-title">Grid</h3>
        <div className="corner-grid">
          {CORNERS.map((name, i) => (
            <ChoiceField
              key={name}
              label={name}
              name={`${name} face`}
              value={ids[i] ?? null}
              empty={i < 2 ? 'Choose a face…' : '(none: one row)'}
              options={faceOptions}
              onChange={(id) => setIds((old) => old.map((v, j) => (j === i ? id : v)))}
            />
          ))}
        </div>
        <div className="explore-row">
          {number('grid-rows', 'Rows', four ? rows : 1, setRows, !four)}
          {number('grid-cols', 'Columns', cols, setCols)}
          <button type="button" onClick={makeGrid} disabled={!gridOk}>
            Make grid
          </button>
        </div>
        <p className="muted small">
          {corners === null
            ? 'Choose at least the top two faces (two faces make a row, four a grid).'
            : !gridOk
              ? `Choose both bottom faces or neither; sides from 2 to ${GRID_MAX_SIDE}.`
              : four
                ? 'Four corners: slerp along the rows, then down the columns.'
                : 'Two faces: one row between them.'}
        </p>
      </div>
      <div className="explore-block">
        <h3 className="small-title">Attribute strip</h3>
        <div className="explore-row">
          <ChoiceField
            label="Attribute"
            name="Strip attribute"
            value={attribute}
            options={attributes.map((a, i) => ({ value: i, label: a.label }))}
            onChange={(i) => i !== null && onAttribute(i)}
          />
          {number('strip-count', 'Strip length', stripCount, setStripCount)}
          <button type="button" onClick={makeStrip} disabled={!side(stripCount, 2)}>
            Make strip
          </button>
        </div>
      </div>
    </>
  );
}
