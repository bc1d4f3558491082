'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { ErrorNotice } from '../shell/error-notice';
import { formatDateTime, formatDuration } from '../shell/format';
import { Loading } from '../shell/spinner';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

type Recording = RouterOutputs['recordings']['list'][number];

const LIMITS = [50, 100, 200, 500] as const;

const ENDED_BY: Record<Recording['endedBy'], string> = {
  key: 'Caller pressed the end key',
  silence: 'Caller went silent',
  'max-length': 'Reached the longest message',
  hangup: 'Caller hung up',
};

/** The messages callers left, newest first, each with a player. */
export function VoicemailPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const [limit, setLimit] = useState<number>(100);
  const recordings = useQuery({
    ...trpc.recordings.list.queryOptions({ tenantId: tenant.id, limit }),
    placeholderData: keepPreviousData,
  });
  const flows = useQuery(trpc.flows.list.queryOptions({ tenantId: tenant.id }));
  const flowOf = (id: string) => flows.data?.find((f) => f.id === id);

  return (
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>Voicemail</h1>
        <p className="muted">Messages callers left in a flow&apos;s Voicemail step, newest first.</p>
        <span className={ui.grow} />
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
      {recordings.error ? (
        <ErrorNotice
          error={recordings.error}
          title="Could not load the messages"
          onRetry={() => void recordings.refetch()}
        />
      ) : null}
      <section className={ui.card} aria-label="Messages" aria-busy={recordings.isFetching}>
        {recordings.isPending ? (
          <Loading what="messages" />
        ) : recordings.data?.length === 0 ? (
          <p className="empty">No messages yet. They appear here when a caller records one over SIP.</p>
        ) : recordings.data ? (
          <div className={ui.tableWrap}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Caller</th>
                  <th scope="col">Called</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Length</th>
                  <th scope="col">Ended</th>
                  <th scope="col">Listen</th>
                </tr>
              </thead>
              <tbody>
                {recordings.data.map((r) => {
                  const flow = flowOf(r.flowId);
                  const when = formatDateTime(r.createdAt);
                  return (
                    <tr key={r.id}>
                      <td className="num">
                        <time dateTime={r.createdAt.toISOString()}>{when}</time>
                      </td>
                      <td className={ui.mono}>{r.caller || <span className="muted">withheld</span>}</td>
                      <td className={ui.mono}>{r.called}</td>
                      <td className="flow-name">
                        {flow ? (
                          <Link className={ui.link} href={`/t/${tenant.slug}/flows/${flow.id}`}>
                            {flow.name}
                          </Link>
                        ) : (
                          <span className={ui.mono} title="A flow that was deleted">
                            {r.flowId.slice(0, 8)}
                          </span>
                        )}
                      </td>
                      <td className="num">{formatDuration(r.durationMs)}</td>
                      <td>{ENDED_BY[r.endedBy] ?? r.endedBy}</td>
                      <td>
                        {/* biome-ignore lint/a11y/useMediaCaption: a caller's message has no captions to offer */}
                        <audio
                          controls
                          preload="none"
                          src={`/api/recordings/${r.id}/audio?tenantId=${encodeURIComponent(tenant.id)}`}
                          aria-label={`Message from ${r.caller || 'a withheld number'}, ${when}`}
                          style={{ height: 32, maxWidth: 260 }}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
