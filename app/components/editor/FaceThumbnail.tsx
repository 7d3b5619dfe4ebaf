import { useRef } from 'react';
import type { Face } from '../../../src/store/editor/editorStore';
import { useEditor } from '../../hooks/useEditor';
import { useThumbnail } from '../../hooks/useThumbnail';

export function faceLabel(face: Face): string {
  const { source } = face;
  switch (source.kind) {
    case 'random':
      return `Seed ${source.seed}`;
    case 'walk':
      return `Walk #${face.id}`;
    case 'photo':
      return `Photo: ${source.name}`;
    case 'camera':
      return `Camera #${face.id}`;
    case 'pasted':
      return `Pasted #${face.id}`;
    case 'sweep':
      return `Sweep: ${source.label}`;
  }
}

export function FaceThumbnail({ face, current, onPick }: { face: Face; current: boolean; onPick: () => void }) {
  const { engine } = useEditor();
  const canvas = useRef<HTMLCanvasElement>(null);
  useThumbnail(engine, face, canvas);
  return (
    <li>
      <button
        type="button"
        className={`thumb${current ? ' current' : ''}`}
        onClick={onPick}
        aria-pressed={current}
        title={faceLabel(face)}
      >
        <canvas ref={canvas} width={1} height={1} aria-hidden="true" />
        <span>{faceLabel(face)}</span>
      </button>
    </li>
  );
}
