import { type RefObject, useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  copy(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  selectAll(): void;
}

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Copy, paste, undo, redo and select all with Ctrl (Cmd on a Mac) while the designer has focus (or
 * nothing does, as after a click on the canvas), but not in a text field, where the same keys edit
 * the text. Delete is React Flow's own.
 */
export function useDesignerShortcuts(
  root: RefObject<HTMLElement | null>,
  handlers: ShortcutHandlers,
  enabled: boolean,
): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isEditable(e.target)) return;
      const active = document.activeElement;
      if (active && active !== document.body && !root.current?.contains(active)) return;
      const h = latest.current;
      const key = e.key.toLowerCase();
      // Copying text the admin selected (a transcript line, a problem) stays the browser's.
      if (key === 'c' && window.getSelection()?.toString()) return;
      const action =
        key === 'c'
          ? h.copy
          : key === 'v'
            ? h.paste
            : key === 'z'
              ? e.shiftKey
                ? h.redo
                : h.undo
              : key === 'y'
                ? h.redo
                : key === 'a'
                  ? h.selectAll
                  : null;
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [root, enabled]);
}
