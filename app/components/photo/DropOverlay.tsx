export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-target">
        <strong>Drop a photo to edit its face</strong>
        <span>JPEG, PNG or WebP. It stays on this device: nothing is uploaded.</span>
      </div>
    </div>
  );
}
