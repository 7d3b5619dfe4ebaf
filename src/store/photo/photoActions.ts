import type { CropSquare, FrameInput, PhotoEvent, PhotoPatch, PhotoRequest } from '../../engine/protocol';
import { inspectBlob } from '../../photo/inspect';
import { PendingPhoto } from './pendingPhoto';
import type { EditorActions } from '../editor/actions';
import type { EditorStore, PhotoState } from '../editor/editorStore';
import { selectFrameInput, selectModel, selectPhotoView } from '../editor/selectors';

/** The part of the engine client photos need; unit tests pass a recording fake. */
export interface PhotoEngine {
  photo(request: Omit<PhotoRequest, 'type' | 'id'>): number;
  cancelPhoto(): void;
  closePhoto(): void;
  exportPhoto(input: FrameInput, bitmap: ImageBitmap): Promise<PhotoPatch>;
  onPhoto(listener: ((event: PhotoEvent) => void) | null): void;
}

/** Photos bigger than this (longer side) are scaled down when decoded: detection and alignment need no more. */
export const DECODE_MAX_SIDE = 2048;

export type PhotoActions = ReturnType<typeof createPhotoActions>;

export function createPhotoActions(store: EditorStore, engine: PhotoEngine, editor: EditorActions) {
  const { getState, setState } = store;

  const error = (text: string) => setState({ notice: { kind: 'error', text } });

  function patch(change: Partial<PhotoState>): void {
    const { photo } = getState();
    if (photo) setState({ photo: { ...photo, ...change } });
  }

  const pending = new PendingPhoto(store);

  engine.onPhoto((event) => {
    if (pending.settle(event)) return;
    const { photo } = getState();
    if (!photo || event.id !== photo.job) {
      if (event.type === 'photo-aligned') event.crop.close();
      return;
    }
    switch (event.type) {
      case 'photo-aligned':
        photo.crop?.close();
        patch({
          phase: 'refining',
          faces: event.faces,
          chosen: event.chosen,
          crop: event.crop,
          width: event.width,
          height: event.height,
          alignError: event.alignError,
        });
        return;
      case 'photo-step': {
        const { latent, attributes } = event;
        const { name, face } = photo;
        if (event.step === 0 || !face) {
          const shown = editor.showFace({ latent, attributes, source: { kind: 'photo', name } });
          patch({
            face: shown,
            firstPsnr: event.psnr,
            psnr: event.psnr,
            loss: event.loss,
            step: 0,
            maxSteps: event.maxSteps,
          });
        } else {
          const refined = { ...face, latent, attributes };
          editor.replaceFace(refined);
          patch({ face: refined, psnr: event.psnr, loss: event.loss, step: event.step, maxSteps: event.maxSteps });
        }
        return;
      }
      case 'photo-done':
        patch({ phase: 'done', reason: event.reason, step: event.step });
        return;
      case 'photo-error':
        if (event.code === 'no-face') {
          patch({ phase: 'no-face', message: event.message, faces: [], width: event.width, height: event.height });
        } else {
          patch({ phase: 'failed', message: event.message });
          error(event.message);
        }
        return;
    }
  });

  function start(request: Omit<PhotoRequest, 'type' | 'id'>, change: Partial<PhotoState>): void {
    const job = engine.photo(request);
    patch({
      job,
      face: null,
      phase: 'detecting',
      step: 0,
      firstPsnr: null,
      psnr: null,
      loss: null,
      reason: null,
      message: null,
      ...change,
    });
  }

  return {
    /**
     * Opens a dropped, picked or pasted photo. Anything but one decodable JPEG, PNG or WebP is refused with a
     * message, and the current face and edits stay as they are. On a garment model the picture replaces the open one
     * only once a garment is framed in it; a face photo or a picture without a garment is refused the same way.
     */
    async openPhoto(files: readonly File[]): Promise<boolean> {
      const model = selectModel(getState());
      if (!model) return false;
      if (files.length === 0) return false;
      if (model.noPhotos) {
        error(
          `Photos are not supported for ${model.name}: it declares no way to frame them as its training images were.`,
        );
        return false;
      }
      if (files.length > 1) {
        error(`You dropped ${files.length} files; drop one photo at a time.`);
        return false;
      }
      const file = files[0] as File;
      const check = await inspectBlob(file);
      if (!check.ok) {
        error(`${file.name || 'That file'}: ${check.message}`);
        return false;
      }
      let bitmap: ImageBitmap;
      try {
        const scale = Math.min(1, DECODE_MAX_SIDE / Math.max(check.width, check.height));
        bitmap = await createImageBitmap(file, {
          imageOrientation: 'from-image',
          ...(scale < 1 ? { resizeWidth: Math.round(check.width * scale), resizeQuality: 'high' as const } : {}),
        });
      } catch {
        error(`${file.name || 'That file'}: the browser could not decode it; it may be damaged. Try another photo.`);
        return false;
      }
      const next: PhotoState = {
        phase: 'detecting',
        name: file.name || 'pasted photo',
        url: URL.createObjectURL(file),
        file,
        width: bitmap.width,
        height: bitmap.height,
        faces: [],
        chosen: -1,
        alignError: null,
        crop: null,
        step: 0,
        maxSteps: 0,
        firstPsnr: null,
        psnr: null,
        loss: null,
        reason: null,
        message: null,
        job: 0,
        face: null,
      };
      if (model.framesGarments) {
        pending.start({ ...next, job: engine.photo({ bitmap }) });
        return true;
      }
      const old = getState().photo;
      if (old) {
        URL.revokeObjectURL(old.url);
        old.crop?.close();
      }
      setState({ notice: null, photo: next });
      start({ bitmap }, {});
      return true;
    },
    /** Aligns and inverts another of the faces found in the current photo. */
    pickPhotoFace(index: number): void {
      const { photo } = getState();
      if (!photo || index === photo.chosen || !photo.faces[index]) return;
      start({ faceIndex: index }, { chosen: index });
    },
    /** Inverts a square chosen by hand (photo pixels), for photos where no face was found. */
    cropPhoto(square: CropSquare): void {
      if (!getState().photo) return;
      start({ manual: square }, { chosen: -1 });
    },
    cancelPhoto(): void {
      if (getState().photo?.phase === 'refining' || getState().photo?.phase === 'detecting') engine.cancelPhoto();
    },
    /**
     * The open photo at its original size (decoded again from the file, orientation applied) and its face region with
     * the current edit, at that size, for the page to compose and save; the caller closes both bitmaps. Null when the
     * photo is not what the main view shows.
     */
    async exportPhoto(): Promise<{ photo: ImageBitmap; patch: PhotoPatch } | null> {
      const state = getState();
      const input = selectFrameInput({ ...state, comparing: false });
      if (!state.photo || !input || !selectPhotoView(state)) return null;
      const photo = await createImageBitmap(state.photo.file, { imageOrientation: 'from-image' });
      try {
        const patch = await engine.exportPhoto(input, await createImageBitmap(photo));
        return { photo, patch };
      } catch (e) {
        photo.close();
        throw e;
      }
    },
    closePhoto(): void {
      const { photo } = getState();
      const waiting = pending.drop();
      if (!photo && !waiting) return;
      engine.closePhoto();
      if (!photo) return;
      URL.revokeObjectURL(photo.url);
      photo.crop?.close();
      setState({ photo: null });
    },
  };
}
