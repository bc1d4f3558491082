import { type RefObject, useEffect } from 'react';

/** A request to focus a field of the inspector (a problem was clicked); `seq` makes repeats count. */
export interface FocusRequest {
  field: string | undefined;
  seq: number;
}

const CONTROLS = ':is(input, select, textarea, button)';

/**
 * Focuses the control of a field path once the inspector shows it; a path with no control of its own
 * (`outcomes.noInput` when nothing edits it) falls back to its nearest shown parent.
 */
export function useFieldFocus(container: RefObject<HTMLElement | null>, request: FocusRequest | null): void {
  useEffect(() => {
    if (!request?.field) return;
    const frame = requestAnimationFrame(() => {
      const root = container.current;
      let key = request.field ?? '';
      while (root && key) {
        const selector = `[data-field="${CSS.escape(key)}"]`;
        const el =
          root.querySelector<HTMLElement>(`${CONTROLS}${selector}`) ??
          root.querySelector<HTMLElement>(selector);
        if (el) {
          el.scrollIntoView({ block: 'center' });
          el.focus();
          return;
        }
        key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [container, request]);
}
