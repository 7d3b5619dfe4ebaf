import { useState } from 'react';
import type { PhotoState } from '../../../src/store/editor/editorStore';
import { usePhotoActions } from '../../hooks/useEditor';

const pct = (v: number, of: number) => `${(100 * v) / Math.max(1, of)}%`;

/**
 * The photo as dropped, with a box per face found (click one to use it), or a square to place by hand; for a garment
 * picture, the box where the garment was found.
 */
export function PhotoPreview({ photo }: { photo: PhotoState }) {
  const photos = usePhotoActions();
  const short = Math.min(photo.width, photo.height);
  const [crop, setCrop] = useState({
    x: (photo.width - short * 0.6) / 2,
    y: (photo.height - short * 0.6) / 2,
    size: short * 0.6,
  });
  const manual = photo.phase === 'no-face';
  const clamp = (c: typeof crop) => ({
    size: c.size,
    x: Math.min(Math.max(0, c.x), photo.width - c.size),
    y: Math.min(Math.max(0, c.y), photo.height - c.size),
  });
  const drag = (e: React.PointerEvent<HTMLDivElement>) => {
    const frame = e.currentTarget.parentElement?.getBoundingClientRect();
    if (!frame || e.buttons !== 1) return;
    const k = photo.width / frame.width;
    setCrop((c) => clamp({ ...c, x: c.x + e.movementX * k, y: c.y + e.movementY * k }));
  };
  return (
    <div className="photo-preview-wrap">
      {/* Boxes are placed in % of the picture, so the frame keeps the photo's aspect (at most 260 px tall). */}
      <div
        className="photo-frame"
        style={{ maxWidth: `min(100%, ${(260 * photo.width) / Math.max(1, photo.height)}px)` }}
      >
        <img src={photo.url} alt={`Your photo, ${photo.name}`} className="photo-img" />
        {photo.faces.map((f, i) => (
          <button
            key={i}
            type="button"
            className={`face-box${i === photo.chosen ? ' chosen' : ''}`}
            style={{
              left: pct(f.box.x, photo.width),
              top: pct(f.box.y, photo.height),
              width: pct(f.box.width, photo.width),
              height: pct(f.box.height, photo.height),
            }}
            aria-label={`Face ${i + 1}${i === photo.chosen ? ' (in use)' : ''}`}
            aria-pressed={i === photo.chosen}
            data-testid="face-box"
            onClick={() => photos.pickPhotoFace(i)}
          />
        ))}
        {photo.garment && (
          <div
            className="garment-box"
            data-testid="garment-box"
            aria-hidden="true"
            style={{
              left: pct(photo.garment.box.x, photo.width),
              top: pct(photo.garment.box.y, photo.height),
              width: pct(photo.garment.box.width, photo.width),
              height: pct(photo.garment.box.height, photo.height),
            }}
          />
        )}
        {manual && (
          <div
            className="crop-box"
            data-testid="crop-box"
            style={{
              left: pct(crop.x, photo.width),
              top: pct(crop.y, photo.height),
              width: pct(crop.size, photo.width),
              height: pct(crop.size, photo.height),
            }}
            onPointerMove={drag}
            onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
          />
        )}
      </div>
      {manual && (
        <div className="row">
          <label htmlFor="crop-size">Crop size</label>
          <input
            id="crop-size"
            type="range"
            min={Math.max(16, short * 0.1)}
            max={short}
            value={crop.size}
            onChange={(e) => setCrop((c) => clamp({ ...c, size: Number(e.currentTarget.value) }))}
          />
          <button type="button" className="primary" onClick={() => photos.cropPhoto(crop)}>
            Use this crop
          </button>
        </div>
      )}
    </div>
  );
}
