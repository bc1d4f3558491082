'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { formatDateTime } from '../shell/format';
import { DEFAULT_LIMIT, LimitSelect } from '../shell/limit-select';
import { Page } from '../shell/page';
import { LoadError, QueryTable } from '../shell/query-states';
import { useActorName, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

const SUBJECTS = ['flow', 'binding', 'trunk', 'user'] as const;

/** Who did what in the tenant, newest first. */
export function AuditPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const actor = useActorName();
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const [subjectType, setSubjectType] = useState('');
  const entries = useQuery({
    ...trpc.audit.list.queryOptions({ tenantId: tenant.id, limit, ...(subjectType ? { subjectType } : {}) }),
    placeholderData: keepPreviousData,
  });
  const tools = (
    <>
      <label className={ui.toolbar}>
        Subject
        <select className={ui.input} value={subjectType} onChange={(e) => setSubjectType(e.target.value)}>
          <option value="">All</option>
          {SUBJECTS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <LimitSelect value={limit} onChange={setLimit} />
    </>
  );
  return (
    <Page title="Audit log" tools={tools}>
      <LoadError query={entries} title="Could not load the audit log" />
      <section className={ui.card} aria-label="Audit entries" aria-busy={entries.isFetching}>
        <QueryTable
          query={entries}
          what="the audit log"
          empty="Nothing recorded yet."
          columns={['Time', 'Actor', 'Action', 'Subject', 'Details']}
        >
          {(e) => (
            <tr key={e.id}>
              <td className="num">
                <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
              </td>
              <td>{actor(e.actorId, e.actorName)}</td>
              <td className={ui.mono}>{e.action}</td>
              <td>
                {e.subjectType === 'flow' ? (
                  <Link className={ui.link} href={`/t/${tenant.slug}/flows/${e.subjectId}`}>
                    flow <span className={ui.mono}>{e.subjectId.slice(0, 8)}</span>
                  </Link>
                ) : (
                  <>
                    {e.subjectType} <span className={ui.mono}>{e.subjectId.slice(0, 8)}</span>
                  </>
                )}
              </td>
              <td className={`${ui.mono} flow-name`} style={{ whiteSpace: 'normal' }}>
                {details(e.details)}
              </td>
            </tr>
          )}
        </QueryTable>
      </section>
    </Page>
  );
}

/** Details as `key: value` pairs, nested values as compact JSON. */
function details(value: Record<string, unknown>): string {
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}
