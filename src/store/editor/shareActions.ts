// Share links (src/latent/shareLink.ts) from and into the store. Privacy: a face from a photo never leaves the device,
// so a link is refused while one is on screen (itself or an end of an interpolation), and while a custom slider made
// from photo faces is moved; such custom attributes are left out of links (an average of photo latents is still
// derived from the photos).
import {
  decodeShare,
  encodeShare,
  MAX_SHARED_CUSTOM,
  OtherModelError,
  ShareLinkError,
  SHARE_PREFIX,
} from '../../latent/shareLink';
import type { EditorActions } from './actions';
import type { CustomAttributeActions } from '../customAttributes/customAttributes';
import type { EditorStore } from './editorStore';
import { modelOfManifest, type ModelId } from './modelChoice';
import { selectBase, selectModel } from './selectors';

export type ShareResult = { ok: true; link: string } | { ok: false; reason: string };

/** What opening a link did: the face is on screen; nothing (the notice says why); or the link needs model `to`. */
export type OpenResult = { kind: 'opened' } | { kind: 'refused' } | { kind: 'switch'; to: ModelId };

export const PHOTO_REFUSAL =
  'This face comes from your photo, and a photo never leaves this device, not even as numbers in a link. ' +
  'Share a generated face instead.';

export function createShareActions(
  store: EditorStore,
  actions: Pick<EditorActions, 'showFace'>,
  custom: Pick<CustomAttributeActions, 'load' | 'adopt'>,
) {
  const { getState, setState } = store;
  return {
    /** A link to `pageUrl` (without its fragment) that reproduces the face on screen, edits included; or why not. */
    shareLink(pageUrl: string): ShareResult {
      const state = getState();
      const model = selectModel(state);
      const base = selectBase(state);
      if (!model || !base) return { ok: false, reason: 'There is no face to share yet.' };
      if (state.snapshot !== null) {
        return {
          ok: false,
          reason:
            'The face is drawn by an earlier training snapshot; a link carries the face, not the timeline. Move the ' +
            'timeline to the finished generator to share it.',
        };
      }
      const { a, b } = state.interpolation;
      const shown = a && b ? [a, b] : [state.face];
      if (shown.some((f) => f?.source.kind === 'photo' || f?.source.kind === 'camera'))
        return { ok: false, reason: PHOTO_REFUSAL };
      const amounts = state.customAttributes.map((c) => ({ c, amount: state.customOffsets[c.id] ?? 0 }));
      if (amounts.some(({ c, amount }) => c.fromPhotos && amount !== 0)) {
        return {
          ok: false,
          reason:
            'A custom slider made from your photos is moved; it is derived from your photos, so it stays on this ' +
            'device. Set it to 0 to share.',
        };
      }
      const moved = amounts.filter(({ amount }) => amount !== 0);
      if (moved.length > MAX_SHARED_CUSTOM) {
        return { ok: false, reason: `A link carries at most ${MAX_SHARED_CUSTOM} moved custom sliders.` };
      }
      // Moved sliders first; then unmoved ones (not from photos), so the receiver can use them too, while room lasts.
      const still = amounts.filter(({ c, amount }) => amount === 0 && !c.fromPhotos);
      const custom = [...moved, ...still]
        .slice(0, MAX_SHARED_CUSTOM)
        .map(({ c, amount }) => ({ name: c.name, vector: c.vector, amount }));
      const payload = encodeShare({
        modelId: model.id,
        latent: base.latent,
        attributes: base.attributes,
        offsets: state.offsets,
        custom,
      });
      return { ok: true, link: `${withModel(pageUrl, model.id)}${SHARE_PREFIX}${payload}` };
    },

    /**
     * Opens the face in a share link's payload (what follows #face=): it becomes the current face, edits included,
     * as one undo step, and its custom attributes join the list. A damaged or foreign link changes nothing and is
     * explained in the notice; a sound link of another shipped model asks for that model (the page switches and
     * opens it there).
     */
    openShared(payload: string): OpenResult {
      const model = selectModel(getState());
      if (!model) return { kind: 'refused' };
      let shared;
      try {
        shared = decodeShare(payload, {
          modelId: model.id,
          latentSize: model.latent.size,
          attributeNames: model.attributes.map((a) => a.name),
        });
      } catch (e) {
        if (!(e instanceof ShareLinkError)) throw e;
        const to = e instanceof OtherModelError ? modelOfManifest(e.linkModel) : null;
        // Only to another shipped model: a link of another version of this model would switch back and forth.
        if (to && to !== modelOfManifest(model.id)) return { kind: 'switch', to };
        setState({ notice: { kind: 'error', text: `${e.message} Showing a random face instead.` } });
        return { kind: 'refused' };
      }
      custom.load(); // before adopting, so a later first load does not replace what the link brought
      const ids = custom.adopt(
        shared.custom.map((c) => ({
          name: c.name,
          vector: c.vector,
          orthogonalTo: [],
          faces: { has: 0, hasnt: 0 },
          fromPhotos: false,
          correlation: null,
        })),
      );
      actions.showFace({ latent: shared.latent, attributes: shared.attributes, source: { kind: 'pasted' } });
      const customOffsets = Object.fromEntries(
        shared.custom.flatMap((c, k) => (c.amount !== 0 ? [[ids[k]!, c.amount]] : [])),
      );
      // Part of the same undo step as the face: undo goes back to the face before the link.
      setState({ offsets: shared.offsets, customOffsets });
      const added = shared.custom.length ? ` with ${shared.custom.length} custom slider(s)` : '';
      setState({ notice: { kind: 'info', text: `Shared face opened${added}.` } });
      return { kind: 'opened' };
    },
  };
}

/** `pageUrl` without its fragment, naming the shipped model of manifest `manifestId` in `?model=` (when it is one). */
function withModel(pageUrl: string, manifestId: string): string {
  const page = pageUrl.split('#')[0]!;
  const choice = modelOfManifest(manifestId);
  if (!choice) return page;
  const url = new URL(page);
  url.searchParams.set('model', choice);
  return url.href;
}

export type ShareActions = ReturnType<typeof createShareActions>;
