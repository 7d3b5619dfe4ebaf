import { useCallback, useState } from 'react';
import type { Attribute } from '../../../src/latent/attributes';
import { selectFrameInput } from '../../../src/store/editor/selectors';
import { useEditor } from '../../hooks/useEditor';
import { Explain } from '../teach/Explain';
import { ExportPanel } from './ExportPanel';
import { GridView } from './GridView';
import { SheetForm, type Sheet } from './SheetForm';
import { WalkControls } from './WalkControls';
import './explore.css';

/** Explore (random walk, grid, attribute strip) and, beside it, the export of any of these as an animation. */
export function ExplorePanel({ attributes }: { attributes: readonly Attribute[] }) {
  const { store } = useEditor();
  const [seed, setSeed] = useState(1);
  const [attribute, setAttribute] = useState(0);
  const [sheet, setSheet] = useState<{ sheet: Sheet; id: number } | null>(null);
  // What the canvas shows (every edit included), read when asked (a strip, an export), not on every frame.
  const current = useCallback(() => selectFrameInput(store.getState()), [store]);

  return (
    <>
      <section className="panel explore" aria-labelledby="explore-title">
        <div className="panel-title">
          <h2 id="explore-title">Explore</h2>
          <Explain topic="slerp-vs-lerp" />
        </div>
        <WalkControls seed={seed} onSeed={setSeed} />
        <SheetForm
          attributes={attributes}
          attribute={attribute}
          onAttribute={setAttribute}
          current={current}
          onSheet={(next) => setSheet((old) => ({ sheet: next, id: (old?.id ?? 0) + 1 }))}
        />
        {sheet && <GridView key={sheet.id} sheet={sheet.sheet} />}
      </section>
      <ExportPanel walkSeed={seed} attribute={attribute} sheet={sheet?.sheet ?? null} current={current} />
    </>
  );
}
