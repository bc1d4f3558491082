'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../shell/error-notice';
import { Loading } from '../shell/spinner';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { ScheduleForm } from './schedule-form';
import { weeklySummary } from './summary';

/** Named business hours that flows' business-hours nodes can share. */
export function SchedulesPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const schedules = useQuery(trpc.schedules.list.queryOptions({ tenantId: tenant.id }));
  const canDesign = allows(tenant, 'design');
  return (
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>Schedules</h1>
        <p className="muted">
          Business hours, holidays and special days; a flow checks them when a call arrives.
        </p>
      </div>
      {schedules.error ? (
        <ErrorNotice
          error={schedules.error}
          title="Could not load the schedules"
          onRetry={() => void schedules.refetch()}
        />
      ) : null}
      <section className={ui.card} aria-labelledby="schedules-heading">
        <div className={ui.cardHead}>
          <h2 id="schedules-heading">Schedules</h2>
        </div>
        {schedules.isPending ? (
          <Loading what="schedules" />
        ) : schedules.data?.length === 0 ? (
          <p className="empty">No schedules yet.</p>
        ) : schedules.data ? (
          <div className={ui.tableWrap}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Schedule</th>
                  <th scope="col">Timezone</th>
                  <th scope="col">Weekly hours</th>
                  <th scope="col">Holidays</th>
                  <th scope="col">Special days</th>
                </tr>
              </thead>
              <tbody>
                {schedules.data.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{s.definition.timezone ?? <span className="muted">the flow's</span>}</td>
                    <td className="flow-name">{weeklySummary(s.definition.weekly)}</td>
                    <td
                      className="num"
                      title={s.definition.holidays
                        .map((h) => `${h.date} ${h.name}${h.everyYear ? ' (every year)' : ''}`)
                        .join('\n')}
                    >
                      {s.definition.holidays.length}
                    </td>
                    <td
                      className="num"
                      title={s.definition.specialDays.map((d) => `${d.date} ${d.name}`).join('\n')}
                    >
                      {s.definition.specialDays.length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {canDesign ? <ScheduleForm /> : <p className={ui.info}>{roleHint('design')}</p>}
    </div>
  );
}
