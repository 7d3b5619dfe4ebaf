import { clamp } from '../../latent/attributes';
import { AttributeVectorError, buildAttributeVector } from '../../latent/attributeVector';
import {
  cleanName,
  CustomAttributeError,
  MAX_CUSTOM_ATTRIBUTES,
  MAX_NAME_LENGTH,
  parseCustomAttributes,
  serializeCustomAttributes,
  type CustomAttribute,
} from '../../latent/customAttributeJson';
import type { ModelShape } from '../../latent/modelShape';
import type { CustomGroup } from './customAttributeSlice';
import { CUSTOM_RANGE, interleave, type SweepEngine } from './customCorrelation';
import { createCustomMeasure } from './customMeasure';
import type { EditorState, EditorStore, Face } from '../editor/editorStore';
import * as history from '../editor/history';
import { selectModel } from '../editor/selectors';

/** Where custom attributes are kept between visits (localStorage in the app). */
export type CustomStorage = Pick<Storage, 'getItem' | 'setItem'>;

export type CustomAttributeActions = ReturnType<typeof createCustomAttributeActions>;

export function storageKey(modelId: string): string {
  return `latent-lab/custom-attributes/${modelId}`;
}

let idCounter = 0;
function newId(): string {
  idCounter += 1;
  return `c${Date.now().toString(36)}${idCounter}`;
}

export function createCustomAttributeActions(store: EditorStore, engine: SweepEngine, storage: CustomStorage | null) {
  const { getState, setState } = store;
  let loadedFor: string | null = null;
  // Attributes whose vector is still being made orthogonal to readings: kept out of storage until it is final, so a
  // reload never finds one half-done while its `orthogonalTo` says otherwise.
  const unsettled = new Set<string>();

  function shape(): ModelShape | null {
    const model = selectModel(getState());
    if (!model) return null;
    return { modelId: model.id, latentSize: model.latent.size, attributeNames: model.attributes.map((a) => a.name) };
  }
  function notify(kind: 'info' | 'error', text: string): void {
    setState({ notice: { kind, text } });
  }
  /** One undo step, unless a drag is open (as the model's own sliders). */
  function commit(change: Partial<EditorState>): void {
    const before = getState();
    setState(change);
    const next = history.commit(before, history.snapshot(before), history.snapshot(getState()));
    if (next !== before) setState(next);
  }
  /** Sets the list and saves it (less unsettled ones); false (with a notice) when the browser refused to store it. */
  function save(customAttributes: CustomAttribute[]): boolean {
    setState({ customAttributes });
    const s = shape();
    if (!storage || !s) return true;
    const final = customAttributes.filter((c) => !unsettled.has(c.id));
    try {
      storage.setItem(storageKey(s.modelId), serializeCustomAttributes(s, final));
      return true;
    } catch (e) {
      notify('error', `Your custom attributes could not be saved in this browser (${(e as Error).message}).`);
      return false;
    }
  }

  const settle = (id: string) => unsettled.delete(id);
  const measurer = createCustomMeasure({ store, engine, save, settle, notify });

  return {
    /**
     * Reads the loaded model's custom attributes from storage, once per model (again after a model change);
     * unreadable data is reported and left where it is.
     */
    load(): void {
      const s = shape();
      if (!s || s.modelId === loadedFor) return;
      loadedFor = s.modelId;
      setState({ customAttributes: [], customOffsets: {} });
      const text = storage?.getItem(storageKey(s.modelId));
      if (!text) return;
      try {
        setState({ customAttributes: parseCustomAttributes(text, s, newId) });
      } catch (e) {
        const why = e instanceof CustomAttributeError ? e.message : String(e);
        notify('error', `Your saved custom attributes could not be read: ${why}`);
      }
    },

    /** Marks `face` as having (or not having) the property; marking it again in the same group unmarks it. */
    togglePick(face: Face, group: CustomGroup): void {
      const picks = getState().customPicks;
      const other: CustomGroup = group === 'has' ? 'hasnt' : 'has';
      const inGroup = picks[group].some((f) => f.id === face.id);
      setState({
        customPicks: {
          [group]: inGroup ? picks[group].filter((f) => f.id !== face.id) : [...picks[group], face],
          [other]: picks[other].filter((f) => f.id !== face.id),
        } as Record<CustomGroup, Face[]>,
      });
    },
    clearPicks(): void {
      setState({ customPicks: { has: [], hasnt: [] } });
    },

    /**
     * Makes a slider from the picked faces, orthogonal to the y axes of the model attributes at `orthogonalTo`
     * (manifest indices); in the background it is then made orthogonal to what moves their readings, and its
     * correlations are measured (customMeasure.ts). Returns the new attribute, or null after a notice saying why.
     */
    create(name: string, orthogonalTo: readonly number[]): CustomAttribute | null {
      const model = selectModel(getState());
      if (!model) return null;
      const clean = cleanName(name);
      if (clean === null) {
        notify('error', `Give the attribute a name of 1 to ${MAX_NAME_LENGTH} characters.`);
        return null;
      }
      const list = getState().customAttributes;
      if (list.length >= MAX_CUSTOM_ATTRIBUTES) {
        notify('error', `You have ${list.length} custom attributes, the most there can be. Delete one first.`);
        return null;
      }
      const { has, hasnt } = getState().customPicks;
      let built;
      try {
        built = buildAttributeVector(has, hasnt, { orthogonalTo });
      } catch (e) {
        if (!(e instanceof AttributeVectorError)) throw e;
        notify('error', e.message);
        return null;
      }
      const made: CustomAttribute = {
        id: newId(),
        name: clean,
        vector: built.vector,
        orthogonalTo: orthogonalTo.map((i) => model.attributes[i]!.name),
        faces: { has: has.length, hasnt: hasnt.length },
        fromPhotos: [...has, ...hasnt].some((f) => f.source.kind === 'photo'),
        correlation: null,
      };
      if (orthogonalTo.length > 0) unsettled.add(made.id);
      save([...list, made]);
      setState({ customPicks: { has: [], hasnt: [] } });
      notify('info', `"${clean}" is ready: its slider is under Your attributes.`);
      void measurer.measure(made.id, interleave(has, hasnt), built.raw, orthogonalTo);
      return made;
    },

    /** Sets custom slider `id` to `value` (clamped to ±2, stored as float32 so a share link carries it exactly). */
    setAmount(id: string, value: number): void {
      const amount = Math.fround(clamp(value, -CUSTOM_RANGE, CUSTOM_RANGE));
      const current = getState().customOffsets;
      if ((current[id] ?? 0) === amount) return;
      commit({ customOffsets: withoutKey({ ...current, [id]: amount }, amount === 0 ? id : null) });
    },

    /** Deletes custom attribute `id` (its measurement stops, its slider goes). */
    remove(id: string): void {
      measurer.abort(id);
      unsettled.delete(id);
      setState({ customOffsets: withoutKey(getState().customOffsets, id) });
      save(getState().customAttributes.filter((c) => c.id !== id));
    },

    /** The loaded model's custom attributes as a JSON file's text; null before a model is ready. */
    exportJson(): string | null {
      const s = shape();
      return s && serializeCustomAttributes(s, getState().customAttributes);
    },

    /**
     * Adds the custom attributes in a file's text (ones already here are skipped). A file that is malformed, for
     * another model or too large changes nothing and is explained in the notice.
     */
    importJson(text: string): boolean {
      const s = shape();
      if (!s) return false;
      let incoming: CustomAttribute[];
      try {
        incoming = parseCustomAttributes(text, s, newId);
      } catch (e) {
        if (!(e instanceof CustomAttributeError)) throw e;
        notify('error', `Nothing was imported. ${e.message}`);
        return false;
      }
      const list = getState().customAttributes;
      const fresh = incoming.filter((c) => !list.some((d) => sameAttribute(c, d)));
      if (list.length + fresh.length > MAX_CUSTOM_ATTRIBUTES) {
        notify('error', `Nothing was imported: that would make more than ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
        return false;
      }
      if (!save([...list, ...fresh])) return false;
      const skipped = incoming.length - fresh.length;
      notify('info', `Imported ${fresh.length} custom attribute(s)${skipped ? `; ${skipped} already here` : ''}.`);
      return true;
    },

    /** Adds attributes that arrived another way (a share link), reusing any already here; returns their ids. */
    adopt(arrivals: readonly Omit<CustomAttribute, 'id'>[]): string[] {
      const list = [...getState().customAttributes];
      const ids = arrivals.map((a) => {
        const existing = list.find((c) => sameAttribute(a, c));
        if (existing) return existing.id;
        const added = { ...a, id: newId() };
        list.push(added);
        return added.id;
      });
      if (list.length !== getState().customAttributes.length) save(list);
      return ids;
    },
  };
}

/** `record` without `key` (unchanged when key is null): 0 is stored as absent. */
function withoutKey(record: Readonly<Record<string, number>>, key: string | null): Record<string, number> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** Same name and the same vector, bit for bit. */
function sameAttribute(a: Pick<CustomAttribute, 'name' | 'vector'>, b: Pick<CustomAttribute, 'name' | 'vector'>) {
  return (
    a.name === b.name && a.vector.length === b.vector.length && a.vector.every((v, i) => Object.is(v, b.vector[i]))
  );
}
