'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client';
import { Card } from '../shell/card';
import { Page } from '../shell/page';
import { LoadError, QueryTable } from '../shell/query-states';
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
    <Page
      title="Schedules"
      lead="Business hours, holidays and special days; a flow checks them when a call arrives."
    >
      <LoadError query={schedules} title="Could not load the schedules" />
      <Card title="Schedules" headingId="schedules-heading">
        <QueryTable
          query={schedules}
          what="schedules"
          empty="No schedules yet."
          columns={['Schedule', 'Timezone', 'Weekly hours', 'Holidays', 'Special days']}
        >
          {(s) => (
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
          )}
        </QueryTable>
      </Card>
      {canDesign ? <ScheduleForm /> : <p className={ui.info}>{roleHint('design')}</p>}
    </Page>
  );
}
