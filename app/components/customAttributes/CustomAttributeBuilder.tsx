import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { ModelInfo } from '../../../src/engine/protocol';
import { MIN_FACES_PER_GROUP } from '../../../src/latent/attributeVector';
import { MAX_NAME_LENGTH } from '../../../src/latent/customAttributeJson';
import { sampleGallery } from '../../../src/latent/gallery';
import { randomSeed } from '../../../src/latent/random';
import type { CustomGroup } from '../../../src/store/customAttributes/customAttributeSlice';
import type { Face } from '../../../src/store/editor/editorStore';
import { useCustomAttributes } from '../../hooks/useCustomAttributes';
import { useEditor, useEditorState } from '../../hooks/useEditor';
import { useThumbnail } from '../../hooks/useThumbnail';
import { Explain } from '../teach/Explain';
import { faceLabel } from '../editor/FaceThumbnail';

/** Pick faces with and without a property, name it, choose what it must not move, and make its slider. */
const SAMPLES = 6;

/** Faces drawn for picking only (they stay out of the recent strip); negative ids keep them apart from the store's. */
function samplesFrom(model: ModelInfo, firstSeed: number): Face[] {
  return sampleGallery(model, SAMPLES, firstSeed).map((g) => ({
    id: -1 - g.seed,
    latent: g.latent,
    attributes: g.attributes,
    source: { kind: 'random', seed: g.seed },
  }));
}

export function CustomAttributeBuilder({ model }: { model: ModelInfo }) {
  const { attributes } = model;
  const { custom } = useCustomAttributes();
  const recent = useEditorState((s) => s.recent);
  const picks = useEditorState((s) => s.customPicks);
  const [name, setName] = useState('');
  const [orthogonal, setOrthogonal] = useState<number[]>([]);
  const [samples, setSamples] = useState<Face[]>([]);
  // The recent strip, sampled faces, then picked faces that have since left both.
  const faces = useMemo(() => {
    const shown = [...recent, ...samples];
    const picked = [...picks.has, ...picks.hasnt].filter((p) => !shown.some((f) => f.id === p.id));
    return [...shown, ...picked];
  }, [recent, samples, picks]);
  const groupOf = (face: Face): CustomGroup | null =>
    picks.has.some((f) => f.id === face.id) ? 'has' : picks.hasnt.some((f) => f.id === face.id) ? 'hasnt' : null;
  const enough = picks.has.length >= MIN_FACES_PER_GROUP && picks.hasnt.length >= MIN_FACES_PER_GROUP;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (custom.create(name, orthogonal)) {
      setName('');
      setOrthogonal([]);
    }
  };

  return (
    <form className="custom-builder" onSubmit={submit} aria-labelledby="custom-new-title">
      <h3 id="custom-new-title" className="small-title">
        New attribute
      </h3>
      <p className="muted small">
        Mark at least {MIN_FACES_PER_GROUP} faces that have the property and {MIN_FACES_PER_GROUP} that do not (new
        faces and photos join the list as you make them; more faces make a cleaner direction).
      </p>
      <ul className="custom-picks" aria-label="Faces to pick from">
        {faces.map((f) => (
          <PickRow key={f.id} face={f} group={groupOf(f)} onPick={(g) => custom.togglePick(f, g)} />
        ))}
      </ul>
      <button type="button" onClick={() => setSamples((s) => [...s, ...samplesFrom(model, randomSeed())])}>
        Add {SAMPLES} sample faces
      </button>
      <p className="small" aria-live="polite">
        {picks.has.length} with it, {picks.hasnt.length} without.
      </p>
      <label htmlFor="custom-name">Name</label>
      <input
        id="custom-name"
        value={name}
        maxLength={MAX_NAME_LENGTH}
        placeholder="e.g. Hat"
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <fieldset className="custom-orthogonal">
        <legend>
          Keep these unchanged <Explain topic="orthogonalisation" />
        </legend>
        {attributes.map((a, i) => (
          <label key={a.name}>
            <input
              type="checkbox"
              checked={orthogonal.includes(i)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setOrthogonal((o) => (on ? [...o, i] : o.filter((x) => x !== i)));
              }}
            />{' '}
            {a.label}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={!enough || name.trim() === ''}>
          Make slider
        </button>
        <button type="button" onClick={() => custom.clearPicks()} disabled={!picks.has.length && !picks.hasnt.length}>
          Clear marks
        </button>
      </div>
    </form>
  );
}

function PickRow({ face, group, onPick }: { face: Face; group: CustomGroup | null; onPick: (g: CustomGroup) => void }) {
  const { engine } = useEditor();
  const canvas = useRef<HTMLCanvasElement>(null);
  useThumbnail(engine, face, canvas);
  const label =
    face.source.kind === 'photo'
      ? `Photo ${face.source.name}`
      : face.id < 0 && face.source.kind === 'random'
        ? `Sample ${face.source.seed}`
        : faceLabel(face);
  return (
    <li className={`custom-pick${group ? ` ${group}` : ''}`}>
      <canvas ref={canvas} width={1} height={1} aria-hidden="true" />
      <span className="small">{label}</span>
      {/* Named by their content, not aria-label, so that a face's label ("Seed 11") stays the seed field's alone. */}
      <button type="button" aria-pressed={group === 'has'} onClick={() => onPick('has')}>
        Has it<span className="custom-hidden">: {label}</span>
      </button>
      <button type="button" aria-pressed={group === 'hasnt'} onClick={() => onPick('hasnt')}>
        Lacks it<span className="custom-hidden">: {label}</span>
      </button>
    </li>
  );
}
