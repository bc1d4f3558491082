import { describe, expect, it } from 'vitest';
import { removeElements } from '../../src/features/designer/graph/document-edits';
import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  recordChange,
  redoChange,
  undoChange,
} from '../../src/features/designer/history/document-history';
import { example } from './fixtures';

const v0 = example('contact-center');
const v1 = removeElements(v0, ['closed']);
const v2 = removeElements(v1, ['voicemail']);

describe('undo and redo', () => {
  it('steps back and forward through whole documents', () => {
    let h = recordChange(EMPTY_HISTORY, v0);
    h = recordChange(h, v1);
    const back = undoChange(h, v2)!;
    expect(back.document).toBe(v1);
    const back2 = undoChange(back.history, back.document)!;
    expect(back2.document).toBe(v0);
    expect(undoChange(back2.history, back2.document)).toBeNull();
    const forward = redoChange(back2.history, back2.document)!;
    expect(forward.document).toBe(v1);
    expect(redoChange(forward.history, forward.document)!.document).toBe(v2);
  });

  it('a new change after an undo drops the steps that were undone', () => {
    const h = recordChange(recordChange(EMPTY_HISTORY, v0), v1);
    const back = undoChange(h, v2)!;
    const changed = recordChange(back.history, back.document);
    expect(changed.future).toEqual([]);
    expect(redoChange(changed, v2)).toBeNull();
  });

  it('typing in one field is one step, not one per key', () => {
    let h = recordChange(EMPTY_HISTORY, v0, { mergeKey: 'label:hours', at: 1000 });
    h = recordChange(h, v1, { mergeKey: 'label:hours', at: 1300 });
    h = recordChange(h, v2, { mergeKey: 'label:hours', at: 1600 });
    expect(h.past).toEqual([v0]);
    h = recordChange(h, v2, { mergeKey: 'label:mainMenu', at: 1700 });
    expect(h.past).toHaveLength(2);
    h = recordChange(h, v2, { mergeKey: 'label:mainMenu', at: 5000 });
    expect(h.past).toHaveLength(3);
  });

  it('keeps a bounded number of steps', () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = recordChange(h, i % 2 ? v0 : v1);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});
