import { useEffect, useMemo, useRef, useState } from 'react';
import { similarFaces, type SimilarFace } from '../../../src/store/latentMap/similarFaces';
import { selectModel } from '../../../src/store/editor/selectors';
import { useActions, useEditor, useEditorState } from '../../hooks/useEditor';
import { useLatentMap, useMapState } from '../../hooks/useLatentMap';
import { useResting } from '../../hooks/useResting';
import { faceLabel } from '../editor/FaceThumbnail';

const COUNT = 6;
/** The list catches up once a slider rests (useResting); its pictures are rendered once it has been still this long. */
const SETTLE_MS = 200;

/** As the recent strip names faces ("Photo: me.jpg", "Sweep: z3 = +1.00σ", "Walk #4"), so one face has one name. */
function label(s: SimilarFace): string {
  return s.kind === 'gallery' ? `Seed ${s.seed}` : faceLabel(s.face);
}

/** "Faces like this one": the nearest faces to the one on screen in latent space; picking one makes it current. */
export function SimilarFaces() {
  const { engine } = useEditor();
  const actions = useActions();
  const map = useLatentMap();
  const model = useEditorState((s) => selectModel(s));
  const recent = useEditorState((s) => s.recent);
  const face = useEditorState((s) => s.face);
  const photo = useEditorState((s) => s.photo);
  const gallery = useMapState((s) => s.gallery);
  const features = useMapState((s) => s.features);
  const here = useMapState((s) => s.here);
  // The face and its neighbours as one snapshot, caught up once a slider rests (useResting): the list never mixes
  // the face on screen with an older one, and a drag does not search 1,000 faces per frame.
  const rested = useResting(useMemo(() => ({ recent, face, photo, here }), [recent, face, photo, here]));
  const found = useMemo(
    () => similarFaces({ gallery, features, here: rested.here }, rested, COUNT),
    [gallery, features, rested],
  );
  const key = found.map(label).join('|');
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [drawn, setDrawn] = useState('');

  useEffect(() => {
    if (!model || found.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      engine
        .batch(
          found.map((s) => s.input),
          { size: model.resolution, signal: controller.signal },
        )
        .then(({ bitmaps }) => {
          bitmaps.forEach((b, i) => {
            const el = canvases.current[i];
            if (el) {
              el.width = b.width;
              el.height = b.height;
              el.getContext('2d')?.drawImage(b, 0, 0);
            }
            b.close();
          });
          setDrawn(key);
        })
        .catch(() => {
          // Cancelled by a newer list, or the engine is busy: the labels still work without pictures.
        });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` names the list; `found` changes identity with every edit even when the faces are the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, engine, model]);

  const pick = (s: SimilarFace) => (s.kind === 'gallery' ? map.actions.pick(s.index) : actions.pickFace(s.face.id));

  return (
    <section className="panel" aria-labelledby="similar-title">
      <h2 id="similar-title">Faces like this one</h2>
      {found.length === 0 ? (
        <p className="muted small">The sampled faces appear here once the latent map is ready.</p>
      ) : (
        <ul
          className="similar-list"
          aria-label="Faces like this one"
          data-testid="similar-faces"
          data-drawn={drawn === key}
        >
          {found.map((s, i) => (
            <li key={label(s)}>
              <button
                type="button"
                className="thumb"
                onClick={() => pick(s)}
                title={`${label(s)}, distance ${s.distance.toFixed(1)}`}
              >
                <canvas ref={(el) => void (canvases.current[i] = el)} width={1} height={1} aria-hidden="true" />
                <span>{label(s)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        Nearest in latent space (z and the attributes y), among 1,000 sampled faces and yours.
      </p>
    </section>
  );
}
