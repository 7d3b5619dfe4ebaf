import { useCallback, useEffect, useRef, useState } from 'react';
import type { FrameInput } from '../../src/engine/protocol';
import type { ExportFormat } from '../../src/export/encodeProtocol';
import { ExportCancelled, exportAnimation, type ExportPhase } from '../../src/export/exportAnimation';
import { webmSupport, type WebmSupport } from '../../src/export/support';
import { saveBlob } from '../download';
import { useEditor } from './useEditor';

export type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; format: ExportFormat; phase: ExportPhase; done: number; total: number }
  | { kind: 'saved'; filename: string; bytes: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** One export at a time: render, encode, save; cancel stops it and frees what it holds. */
export function useExport(size: number) {
  const { engine } = useEditor();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const [webm, setWebm] = useState<WebmSupport | null>(null);
  const running = useRef<AbortController | null>(null);

  useEffect(() => {
    let current = true;
    void webmSupport(size).then((s) => current && setWebm(s));
    return () => {
      current = false;
    };
  }, [size]);
  useEffect(() => () => running.current?.abort(), []);

  const start = useCallback(
    async (frames: FrameInput[], format: ExportFormat, filename: string) => {
      if (running.current) return;
      const stop = new AbortController();
      running.current = stop;
      setState({ kind: 'running', format, phase: 'render', done: 0, total: frames.length });
      try {
        const blob = await exportAnimation(engine, frames, {
          format,
          size,
          codec: webm?.ok ? webm.codec : undefined,
          signal: stop.signal,
          onProgress: (phase, done, total) => setState({ kind: 'running', format, phase, done, total }),
        });
        saveBlob(blob, filename);
        setState({ kind: 'saved', filename, bytes: blob.size });
      } catch (e) {
        setState(
          e instanceof ExportCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: (e as Error).message },
        );
      } finally {
        running.current = null;
      }
    },
    [engine, size, webm],
  );
  const cancel = useCallback(() => running.current?.abort(), []);
  return { state, webm, start, cancel };
}
