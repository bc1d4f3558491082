'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../shell/error-notice';
import { formatDateTime } from '../shell/format';
import { Loading } from '../shell/spinner';
import { useActorName, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

const LIMITS = [50, 100, 200, 500] as const;
const SUBJECTS = ['flow', 'binding', 'trunk', 'user'] as const;

/** Who did what in the tenant, newest first. */
export function AuditPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const actor = useActorName();
  const [limit, setLimit] = useState<number>(100);
  const [subjectType, setSubjectType] = useState('');
  const entries = useQuery({
    ...trpc.audit.list.queryOptions({ tenantId: tenant.id, limit, ...(subjectType ? { subjectType } : {}) }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>Audit log</h1>
        <span className={ui.grow} />
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
        <label className={ui.toolbar}>
          Show
          <select className={ui.input} value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                last {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {entries.error ? (
        <ErrorNotice
          error={entries.error}
          title="Could not load the audit log"
          onRetry={() => void entries.refetch()}
        />
      ) : null}
      <section className={ui.card} aria-label="Audit entries" aria-busy={entries.isFetching}>
        {entries.isPending ? (
          <Loading what="the audit log" />
        ) : entries.data?.length === 0 ? (
          <p className="empty">Nothing recorded yet.</p>
        ) : entries.data ? (
          <div className={ui.tableWrap}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.map((e) => (
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
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** Details as `key: value` pairs, nested values as compact JSON. */
function details(value: Record<string, unknown>): string {
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}
