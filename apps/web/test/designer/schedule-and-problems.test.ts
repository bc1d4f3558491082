import { instantAt } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import { moveNodes, updateNode } from '../../src/features/designer/graph/document-edits';
import { sameStructure } from '../../src/features/designer/problems/structure';
import { findProblems } from '../../src/features/designer/problems/use-flow-problems';
import { NO_REFERENCES } from '../../src/features/designer/references';
import { localInputValue, scheduleBranches } from '../../src/features/designer/schedule/schedule-check';
import { example } from './fixtures';

const doc = example('contact-center');
const tz = doc.settings.timezone;

describe('schedule check', () => {
  it('a Tuesday morning in New York is open, Christmas is a holiday, Christmas Eve afternoon is closed', () => {
    const at = (local: string) => scheduleBranches(doc, instantAt(local, tz))[0];
    expect(at('2026-12-22T10:00')).toMatchObject({ nodeId: 'hours', branch: 'open' });
    expect(at('2026-12-25T10:00')?.branch).toBe('holiday');
    expect(at('2026-12-24T13:00')?.branch).toBe('closed');
    expect(at('2026-12-22T19:00')?.branch).toBe('closed');
  });

  it('a tenant schedule is read from its definition, and unknown without one', () => {
    const byRef = updateNode(doc, 'hours', (n) => ({
      ...n,
      data: { schedule: { kind: 'ref', scheduleId: 's1' } },
    }));
    const at = instantAt('2026-12-22T10:00', tz);
    expect(scheduleBranches(byRef, at)[0]).toMatchObject({ branch: null, scheduleId: 's1' });
    const closedAllWeek = { kind: 'inline' as const, weekly: {}, holidays: [], specialDays: [] };
    expect(scheduleBranches(byRef, at, { s1: closedAllWeek })[0]?.branch).toBe('closed');
  });

  it('shows an instant as the wall clock of the flow timezone', () => {
    expect(localInputValue(instantAt('2026-07-01T09:30', tz), tz)).toBe('2026-07-01T09:30');
  });
});

describe('live problems', () => {
  it('moving nodes does not count as a change to validate; editing data does', () => {
    const moved = moveNodes(doc, [{ id: 'hours', position: { x: 999, y: 999 } }]);
    expect(moved).not.toBe(doc);
    expect(sameStructure(doc, moved)).toBe(true);
    const edited = updateNode(doc, 'hours', (n) => ({ ...n, data: { ...n.data } }));
    expect(sameStructure(doc, edited)).toBe(false);
  });

  it('finds the problems publishing would, and unknown tenant references when given the lists', () => {
    expect(findProblems(doc)).toEqual([]);
    const broken = findProblems(example('broken-menu'));
    expect(broken.map((p) => p.code)).toEqual(
      expect.arrayContaining(['invalid-timezone', 'unwired-outcome', 'unreachable']),
    );
    const withRefs = findProblems(doc, { ...NO_REFERENCES, queues: [{ id: 'q-billing', name: 'Billing' }] });
    expect(withRefs).toContainEqual(
      expect.objectContaining({ nodeId: 'supportQueue', field: 'queueId', code: 'unknown-reference' }),
    );
  });
});

describe('the preview page’s large flow', () => {
  it('is a valid flow of the asked size', async () => {
    const { largeFlow } = await import('../../src/app/designer-preview/large-flow');
    const flow = largeFlow(500);
    expect(flow.nodes.length).toBeGreaterThanOrEqual(497);
    expect(flow.nodes.length).toBeLessThanOrEqual(500);
    expect(findProblems(flow)).toEqual([]);
  });
});
