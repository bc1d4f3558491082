'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { Card } from '../shell/card';
import { CreateForm } from '../shell/create-form';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { TextField } from '../shell/form-field';
import { LoadError, QueryTable } from '../shell/query-states';
import { Spinner } from '../shell/spinner';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import type { Skill, SkillProps } from './skills';

type Queue = RouterOutputs['queues']['list'][number];

/** The queues, each with the agents it would offer a call to, and a form for a new one. */
export function QueuesSection({ skills, skillName }: SkillProps) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queues = useQuery(trpc.queues.list.queryOptions({ tenantId: tenant.id }));
  const [showAgents, setShowAgents] = useState<string | null>(null);
  return (
    <Card title="Queues" headingId="queues-heading">
      <LoadError query={queues} title="Could not load the queues" />
      <QueryTable
        query={queues}
        what="queues"
        empty="No queues yet."
        columns={['Queue', 'Skills', 'Alert timeout', 'Max size', 'Max wait', 'Agents']}
      >
        {(q) => (
          <QueueRow
            key={q.id}
            queue={q}
            skillName={skillName}
            open={showAgents === q.id}
            onToggle={() => setShowAgents((id) => (id === q.id ? null : q.id))}
          />
        )}
      </QueryTable>
      <CreateQueueForm skills={skills} />
    </Card>
  );
}

function QueueRow({
  queue,
  skillName,
  open,
  onToggle,
}: {
  queue: Queue;
  skillName(id: string): string;
  open: boolean;
  onToggle(): void;
}) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const agents = useQuery({
    ...trpc.queues.agents.queryOptions({ tenantId: tenant.id, queueId: queue.id }),
    enabled: open,
  });
  const s = queue.settings as {
    alertTimeoutSeconds?: number;
    maxQueueSize?: number;
    maxWaitSeconds?: number;
  };
  return (
    <>
      <tr>
        <td className="flow-name">{queue.name}</td>
        <td className={ui.wrap} style={{ whiteSpace: 'normal' }}>
          {queue.skillIds.length === 0 ? (
            <span className="muted">any agent</span>
          ) : (
            queue.skillIds.map((id) => (
              <span key={id} className={ui.tag}>
                {skillName(id)}
              </span>
            ))
          )}
        </td>
        <td className="num">
          {s.alertTimeoutSeconds ? `${s.alertTimeoutSeconds} s` : <span className="muted">default</span>}
        </td>
        <td className="num">{s.maxQueueSize ?? <span className="muted">default</span>}</td>
        <td className="num">
          {s.maxWaitSeconds ? `${s.maxWaitSeconds} s` : <span className="muted">default</span>}
        </td>
        <td>
          <button
            type="button"
            className={`${ui.button} ${ui.small}`}
            aria-expanded={open}
            aria-controls={`queue-agents-${queue.id}`}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Show'}
            <span className="visually-hidden"> agents of {queue.name}</span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={`queue-agents-${queue.id}`}>
          <td colSpan={6} style={{ background: 'var(--bg)', whiteSpace: 'normal' }}>
            {agents.isPending ? (
              <Spinner label="Loading agents…" />
            ) : agents.error ? (
              <ErrorNotice
                error={agents.error}
                title="Could not load the agents"
                onRetry={() => void agents.refetch()}
              />
            ) : agents.data?.length === 0 ? (
              <span className="muted">
                No agent has all of this queue's skills: its calls would wait until timeout.
              </span>
            ) : (
              <span>
                Offered to, in order:{' '}
                {agents.data?.map((a, i) => (
                  <span key={a.id}>
                    {i > 0 ? ', ' : ''}
                    {a.displayName}
                    {a.queueProficiency !== null ? ` (${a.queueProficiency})` : ''}
                  </span>
                ))}
              </span>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The settings a new queue can set; each left empty takes the runtime's default. */
const SETTINGS = [
  {
    key: 'alertTimeoutSeconds',
    id: 'queue-alert',
    label: 'Alert timeout (s)',
    help: "5–300, how long an agent's phone rings",
    min: 5,
    max: 300,
  },
  {
    key: 'maxQueueSize',
    id: 'queue-size',
    label: 'Max size',
    help: '1–10000 callers waiting',
    min: 1,
    max: 10000,
  },
  { key: 'maxWaitSeconds', id: 'queue-wait', label: 'Max wait (s)', help: '10–7200', min: 10, max: 7200 },
] as const;

type Settings = Record<(typeof SETTINGS)[number]['key'], string>;

const DEFAULTS: Settings = { alertTimeoutSeconds: '', maxQueueSize: '', maxWaitSeconds: '' };

function CreateQueueForm({ skills }: { skills: Skill[] }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [skillIds, setSkillIds] = useState<string[]>([]);
  const [settings, setSettings] = useState(DEFAULTS);
  const create = useMutation(
    trpc.queues.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setSkillIds([]);
        setSettings(DEFAULTS);
        void queryClient.invalidateQueries(trpc.queues.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = () => {
    const chosen = SETTINGS.filter(({ key }) => settings[key].trim() !== '');
    create.mutate({
      tenantId: tenant.id,
      name,
      skillIds,
      settings: Object.fromEntries(chosen.map(({ key }) => [key, Number(settings[key])])),
    });
  };
  return (
    <CreateForm
      legend="New queue"
      ability="design"
      mutation={create}
      errorTitle="Could not create the queue"
      submitLabel="Create queue"
      pendingLabel="Creating…"
      done={create.isSuccess ? `Created ${create.data.name}.` : null}
      onSubmit={submit}
    >
      <div className={ui.formRow}>
        <TextField
          id="queue-name"
          label="Name"
          error={errors.get('name')}
          value={name}
          onChange={setName}
          required
          maxLength={200}
          placeholder="Billing"
        />
        {SETTINGS.map(({ key, id, label, help, min, max }) => (
          <TextField
            key={key}
            id={id}
            label={label}
            error={errors.get(`settings.${key}`)}
            help={help}
            type="number"
            style={{ width: 110 }}
            value={settings[key]}
            onChange={(value) => setSettings((s) => ({ ...s, [key]: value }))}
            min={min}
            max={max}
            step={1}
            placeholder="default"
          />
        ))}
      </div>
      <fieldset className={ui.fieldset} style={{ marginTop: 8 }}>
        <legend>Skills an agent needs</legend>
        {skills.length === 0 ? (
          <span className="muted">No skills yet: add some below, or leave the queue open to any agent.</span>
        ) : (
          <div className={ui.toolbar}>
            {skills.map((s) => (
              <label key={s.id} className={ui.check}>
                <input
                  type="checkbox"
                  checked={skillIds.includes(s.id)}
                  onChange={(e) =>
                    setSkillIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((i) => i !== s.id)))
                  }
                />
                {s.name}
              </label>
            ))}
          </div>
        )}
        {errors.get('skillIds') ? <span className={ui.fieldError}>{errors.get('skillIds')}</span> : null}
      </fieldset>
    </CreateForm>
  );
}
