import { type FlowDocument, instantAt, isValidTimezone } from '@parley/flow-schema';
import { memo, useMemo, useState } from 'react';
import styles from '../designer.module.css';
import { type DesignerReferences, referenceName, scheduleDefinitions } from '../references';
import { localInputValue, scheduleBranches } from './schedule-check';

const BRANCH_LABEL = { open: 'Open', closed: 'Closed', holiday: 'Holiday' } as const;

/** Pick a moment in the flow's timezone and see which branch every business-hours node takes. */
export const SchedulePanel = memo(function SchedulePanel({
  document,
  references,
  onSelectNode,
}: {
  document: FlowDocument;
  references: DesignerReferences;
  onSelectNode(nodeId: string): void;
}) {
  const timezone = isValidTimezone(document.settings.timezone) ? document.settings.timezone : 'UTC';
  const [local, setLocal] = useState(() => localInputValue(new Date(), timezone));
  const at = useMemo(() => {
    try {
      return instantAt(local, timezone);
    } catch {
      return null;
    }
  }, [local, timezone]);
  const schedules = useMemo(() => scheduleDefinitions(references), [references]);
  const rows = useMemo(
    () => (at ? scheduleBranches(document, at, schedules) : []),
    [document, at, schedules],
  );

  return (
    <div className={styles.schedulePanel}>
      <div className={styles.fieldInline}>
        <label htmlFor="schedule-check-at">Date and time</label>
        <input
          id="schedule-check-at"
          type="datetime-local"
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          aria-describedby="schedule-check-tz"
        />
        <span id="schedule-check-tz" className={styles.muted}>
          in {timezone}
          {at ? ` · ${at.toISOString().replace('.000Z', 'Z')}` : ''}
        </span>
      </div>
      {!at && <p className={styles.fieldError}>Enter a date and time like 2026-12-24 10:30.</p>}
      {rows.length === 0 ? (
        <p className={styles.panelEmpty}>This flow has no business-hours nodes.</p>
      ) : (
        <table className={styles.scheduleTable}>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Schedule</th>
              <th scope="col">Branch taken</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.nodeId}>
                <td>
                  <button type="button" className={styles.linkButton} onClick={() => onSelectNode(r.nodeId)}>
                    {r.title}
                  </button>{' '}
                  <code className={styles.muted}>{r.nodeId}</code>
                </td>
                <td>
                  {r.scheduleId ? referenceName(references, 'schedule', r.scheduleId) : 'Hours in this flow'}
                </td>
                <td>
                  {r.branch ? (
                    <span className={`${styles.branch} ${styles[`branch_${r.branch}`]}`}>
                      {BRANCH_LABEL[r.branch]}
                    </span>
                  ) : (
                    <span className={styles.muted}>
                      {r.scheduleId
                        ? 'Unknown: this schedule’s hours were not loaded'
                        : 'Fix this node’s hours first'}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
});
