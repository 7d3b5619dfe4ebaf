import { useEffect, useId, useRef, useState } from 'react';
import { EXPLANATIONS, type ExplainTopic } from '../../explanations';
import './explain.css';

/**
 * A small "?" button beside a concept; it opens a short explanation (a disclosure: the text follows the button, so
 * Tab reaches it). Enter or Space toggles it, Escape or a click elsewhere closes it and focus returns to the button.
 * `label`: a word shown before the "?", where two explanations sit side by side.
 */
export function Explain({ topic, label }: { topic: ExplainTopic; label?: string }) {
  const { title, text } = EXPLANATIONS[topic];
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <span
      ref={root}
      className="explain"
      data-topic={topic}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // Handled here so the Escape does not also close a surrounding dialog or leave presenter mode.
        e.stopPropagation();
        e.preventDefault();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        className={label ? 'explain-toggle labelled' : 'explain-toggle'}
        aria-expanded={open}
        aria-controls={id}
        aria-label={`What is this? ${title}`}
        title={`What is this? ${title}`}
        onClick={() => setOpen((o) => !o)}
      >
        {label ? `${label} ?` : '?'}
      </button>
      <span id={id} className="explain-popover" role="note" aria-label={title} hidden={!open} tabIndex={-1}>
        <strong className="explain-title">{title}</strong>
        <span className="explain-text">{text}</span>
      </span>
    </span>
  );
}
