'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { formatDateTime, formatDuration } from '../shell/format';
import { DEFAULT_LIMIT, LimitSelect } from '../shell/limit-select';
import { Page } from '../shell/page';
import { LoadError, QueryTable } from '../shell/query-states';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

type Recording = RouterOutputs['recordings']['list'][number];

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
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const recordings = useQuery({
    ...trpc.recordings.list.queryOptions({ tenantId: tenant.id, limit }),
    placeholderData: keepPreviousData,
  });
  const flows = useQuery(trpc.flows.list.queryOptions({ tenantId: tenant.id }));
  const flowOf = (id: string) => flows.data?.find((f) => f.id === id);

  return (
    <Page
      title="Voicemail"
      lead="Messages callers left in a flow's Voicemail step, newest first."
      tools={<LimitSelect value={limit} onChange={setLimit} />}
    >
      <LoadError query={recordings} title="Could not load the messages" />
      <section className={ui.card} aria-label="Messages" aria-busy={recordings.isFetching}>
        <QueryTable
          query={recordings}
          what="messages"
          empty="No messages yet. They appear here when a caller records one over SIP."
          columns={['Time', 'Caller', 'Called', 'Flow', 'Length', 'Ended', 'Listen']}
        >
          {(r) => {
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
          }}
        </QueryTable>
      </section>
    </Page>
  );
}
