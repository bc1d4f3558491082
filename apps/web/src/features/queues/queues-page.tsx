'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { Loading, Spinner } from '../shell/spinner';
import { SubmitRow } from '../shell/submit-row';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { EditAgentDialog, SIP_TARGET_HELP } from './edit-agent-dialog';

type Skill = RouterOutputs['skills']['list'][number];
type Queue = RouterOutputs['queues']['list'][number];
type Agent = RouterOutputs['agents']['list'][number];

/** Queues, the agents who answer them and the skills that match the two. */
export function QueuesPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const skills = useQuery(trpc.skills.list.queryOptions({ tenantId: tenant.id }));
  const skillName = (id: string) => skills.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  return (
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>Queues &amp; agents</h1>
        <p className="muted">
          A queue offers its calls to agents who have all of its skills, best proficiency first.
        </p>
      </div>
      <QueuesSection skills={skills.data ?? []} skillName={skillName} />
      <AgentsSection skills={skills.data ?? []} skillName={skillName} />
      <SkillsSection skills={skills} />
    </div>
  );
}

interface SkillProps {
  skills: Skill[];
  skillName(id: string): string;
}

function QueuesSection({ skills, skillName }: SkillProps) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queues = useQuery(trpc.queues.list.queryOptions({ tenantId: tenant.id }));
  const [showAgents, setShowAgents] = useState<string | null>(null);
  return (
    <section className={ui.card} aria-labelledby="queues-heading">
      <div className={ui.cardHead}>
        <h2 id="queues-heading">Queues</h2>
      </div>
      {queues.error ? (
        <ErrorNotice
          error={queues.error}
          title="Could not load the queues"
          onRetry={() => void queues.refetch()}
        />
      ) : null}
      {queues.isPending ? (
        <Loading what="queues" />
      ) : queues.data?.length === 0 ? (
        <p className="empty">No queues yet.</p>
      ) : queues.data ? (
        <div className={ui.tableWrap}>
          <table>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Skills</th>
                <th scope="col">Alert timeout</th>
                <th scope="col">Max size</th>
                <th scope="col">Max wait</th>
                <th scope="col">Agents</th>
              </tr>
            </thead>
            <tbody>
              {queues.data.map((q) => (
                <QueueRow
                  key={q.id}
                  queue={q}
                  skillName={skillName}
                  open={showAgents === q.id}
                  onToggle={() => setShowAgents((id) => (id === q.id ? null : q.id))}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateQueueForm skills={skills} />
    </section>
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

function numberOrUndefined(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

function CreateQueueForm({ skills }: { skills: Skill[] }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [skillIds, setSkillIds] = useState<string[]>([]);
  const [alert, setAlert] = useState('');
  const [maxSize, setMaxSize] = useState('');
  const [maxWait, setMaxWait] = useState('');
  const create = useMutation(
    trpc.queues.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setSkillIds([]);
        setAlert('');
        setMaxSize('');
        setMaxWait('');
        void queryClient.invalidateQueries(trpc.queues.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const canDesign = allows(tenant, 'design');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const settings: Record<string, number> = {};
    const a = numberOrUndefined(alert);
    const m = numberOrUndefined(maxSize);
    const w = numberOrUndefined(maxWait);
    if (a !== undefined) settings.alertTimeoutSeconds = a;
    if (m !== undefined) settings.maxQueueSize = m;
    if (w !== undefined) settings.maxWaitSeconds = w;
    create.mutate({ tenantId: tenant.id, name, skillIds, settings });
  };
  return (
    <form
      className={`${ui.cardBody} ${ui.form}`}
      onSubmit={submit}
      aria-label="New queue"
      style={{ borderTop: '1px solid var(--border)' }}
    >
      <fieldset
        className={ui.fieldset}
        disabled={!canDesign}
        title={canDesign ? undefined : roleHint('design')}
      >
        <legend>New queue</legend>
        <div className={ui.formRow}>
          <NumberlessField id="queue-name" label="Name" error={errors.get('name')}>
            <input
              id="queue-name"
              className={ui.input}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={200}
              placeholder="Billing"
            />
          </NumberlessField>
          <NumberField
            id="queue-alert"
            label="Alert timeout (s)"
            help="5–300, how long an agent's phone rings"
            value={alert}
            onChange={setAlert}
            min={5}
            max={300}
            error={errors.get('settings.alertTimeoutSeconds')}
          />
          <NumberField
            id="queue-size"
            label="Max size"
            help="1–10000 callers waiting"
            value={maxSize}
            onChange={setMaxSize}
            min={1}
            max={10000}
            error={errors.get('settings.maxQueueSize')}
          />
          <NumberField
            id="queue-wait"
            label="Max wait (s)"
            help="10–7200"
            value={maxWait}
            onChange={setMaxWait}
            min={10}
            max={7200}
            error={errors.get('settings.maxWaitSeconds')}
          />
        </div>
        <fieldset className={ui.fieldset} style={{ marginTop: 8 }}>
          <legend>Skills an agent needs</legend>
          {skills.length === 0 ? (
            <span className="muted">
              No skills yet: add some below, or leave the queue open to any agent.
            </span>
          ) : (
            <div className={ui.toolbar}>
              {skills.map((s) => (
                <label key={s.id} className={ui.check}>
                  <input
                    type="checkbox"
                    checked={skillIds.includes(s.id)}
                    onChange={(e) =>
                      setSkillIds((ids) =>
                        e.target.checked ? [...ids, s.id] : ids.filter((i) => i !== s.id),
                      )
                    }
                  />
                  {s.name}
                </label>
              ))}
            </div>
          )}
          {errors.get('skillIds') ? <span className={ui.fieldError}>{errors.get('skillIds')}</span> : null}
        </fieldset>
        <SubmitRow
          pending={create.isPending}
          label="Create queue"
          pendingLabel="Creating…"
          done={create.isSuccess ? `Created ${create.data.name}.` : null}
        />
      </fieldset>
      {create.error ? (
        <ErrorNotice
          error={create.error}
          title="Could not create the queue"
          listProblems={errors.size === 0}
        />
      ) : null}
    </form>
  );
}

function NumberlessField({
  id,
  label,
  error,
  help,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  help?: string;
  children: ReactNode;
}) {
  return (
    <div className={ui.field}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className={ui.fieldError} id={`${id}-error`}>
          {error}
        </span>
      ) : help ? (
        <span className={ui.fieldHelp}>{help}</span>
      ) : null}
    </div>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  help: string;
  value: string;
  onChange(value: string): void;
  min: number;
  max: number;
  error: string | undefined;
}) {
  const { id, label, help, value, onChange, min, max, error } = props;
  return (
    <NumberlessField id={id} label={label} error={error} help={help}>
      <input
        id={id}
        type="number"
        className={ui.input}
        style={{ width: 110 }}
        value={value}
        min={min}
        max={max}
        step={1}
        onChange={(e) => onChange(e.target.value)}
        placeholder="default"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </NumberlessField>
  );
}

function AgentsSection({ skills, skillName }: SkillProps) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const agents = useQuery(trpc.agents.list.queryOptions({ tenantId: tenant.id }));
  const [editing, setEditing] = useState<Agent | null>(null);
  const canDesign = allows(tenant, 'design');
  return (
    <section className={ui.card} aria-labelledby="agents-heading">
      <div className={ui.cardHead}>
        <h2 id="agents-heading">Agents</h2>
      </div>
      {agents.error ? (
        <ErrorNotice
          error={agents.error}
          title="Could not load the agents"
          onRetry={() => void agents.refetch()}
        />
      ) : null}
      {agents.isPending ? (
        <Loading what="agents" />
      ) : agents.data?.length === 0 ? (
        <p className="empty">No agents yet.</p>
      ) : agents.data ? (
        <div className={ui.tableWrap}>
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Teams user</th>
                <th scope="col">Phone number or SIP URI</th>
                <th scope="col">Skills (proficiency 1–5)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {agents.data.map((a) => (
                <tr key={a.id}>
                  <td>{a.displayName}</td>
                  <td className={ui.mono}>{a.teamsUserId}</td>
                  <td className={ui.mono}>{a.sipTarget ?? <span className="muted">Teams only</span>}</td>
                  <td className="flow-name">
                    {a.skills.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      a.skills.map((s) => (
                        <span key={s.skillId} className={ui.tag}>
                          {skillName(s.skillId)} · {s.proficiency}
                        </span>
                      ))
                    )}
                  </td>
                  <td>
                    <div className={ui.rowActions}>
                      <button
                        type="button"
                        className={`${ui.button} ${ui.small}`}
                        disabled={!canDesign}
                        title={canDesign ? undefined : roleHint('design')}
                        onClick={() => setEditing(a)}
                      >
                        <Pencil size={12} aria-hidden="true" />
                        Edit<span className="visually-hidden"> {a.displayName}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateAgentForm skills={skills} />
      <EditAgentDialog agent={editing} onClose={() => setEditing(null)} />
    </section>
  );
}

function CreateAgentForm({ skills }: { skills: Skill[] }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [teamsUserId, setTeamsUserId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [sipTarget, setSipTarget] = useState('');
  const [levels, setLevels] = useState<Record<string, number>>({});
  const create = useMutation(
    trpc.agents.create.mutationOptions({
      onSuccess: () => {
        setTeamsUserId('');
        setDisplayName('');
        setSipTarget('');
        setLevels({});
        void queryClient.invalidateQueries(trpc.agents.list.queryFilter());
        void queryClient.invalidateQueries(trpc.queues.agents.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const canDesign = allows(tenant, 'design');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      tenantId: tenant.id,
      teamsUserId,
      displayName,
      sipTarget: sipTarget.trim() || null,
      skills: Object.entries(levels)
        .filter(([, level]) => level > 0)
        .map(([skillId, proficiency]) => ({ skillId, proficiency })),
    });
  };
  return (
    <form
      className={`${ui.cardBody} ${ui.form}`}
      onSubmit={submit}
      aria-label="New agent"
      style={{ borderTop: '1px solid var(--border)' }}
    >
      <fieldset
        className={ui.fieldset}
        disabled={!canDesign}
        title={canDesign ? undefined : roleHint('design')}
      >
        <legend>New agent</legend>
        <div className={ui.formRow}>
          <NumberlessField
            id="agent-teams"
            label="Teams user id"
            error={errors.get('teamsUserId')}
            help="Entra object id or UPN"
          >
            <input
              id="agent-teams"
              className={`${ui.input} ${ui.mono}`}
              value={teamsUserId}
              onChange={(e) => setTeamsUserId(e.target.value)}
              required
              maxLength={320}
              size={30}
              placeholder="ana@contoso.com"
            />
          </NumberlessField>
          <NumberlessField
            id="agent-name"
            label="Display name"
            error={errors.get('displayName')}
            help="As callers' reports show it"
          >
            <input
              id="agent-name"
              className={ui.input}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              required
              maxLength={200}
              placeholder="Ana Silva"
            />
          </NumberlessField>
          <NumberlessField
            id="agent-sip"
            label="Phone number or SIP URI"
            error={errors.get('sipTarget')}
            help={SIP_TARGET_HELP}
          >
            <input
              id="agent-sip"
              className={`${ui.input} ${ui.mono}`}
              value={sipTarget}
              onChange={(e) => setSipTarget(e.target.value)}
              maxLength={320}
              size={30}
              placeholder="+14255550123 or sip:ana@contoso.com"
              aria-invalid={errors.get('sipTarget') ? true : undefined}
              aria-describedby={errors.get('sipTarget') ? 'agent-sip-error' : undefined}
            />
          </NumberlessField>
        </div>
        <fieldset className={ui.fieldset} style={{ marginTop: 8 }}>
          <legend>Skills</legend>
          {skills.length === 0 ? (
            <span className="muted">No skills yet: add some below.</span>
          ) : (
            <div className={ui.formRow}>
              {skills.map((s) => (
                <div key={s.id} className={ui.field}>
                  <label htmlFor={`agent-skill-${s.id}`}>{s.name}</label>
                  <select
                    id={`agent-skill-${s.id}`}
                    className={ui.input}
                    value={levels[s.id] ?? 0}
                    onChange={(e) => setLevels((l) => ({ ...l, [s.id]: Number(e.target.value) }))}
                  >
                    <option value={0}>—</option>
                    <option value={1}>1 learning</option>
                    <option value={2}>2</option>
                    <option value={3}>3</option>
                    <option value={4}>4</option>
                    <option value={5}>5 expert</option>
                  </select>
                </div>
              ))}
            </div>
          )}
          {errors.get('skills') ? <span className={ui.fieldError}>{errors.get('skills')}</span> : null}
        </fieldset>
        <SubmitRow
          pending={create.isPending}
          label="Add agent"
          pendingLabel="Adding…"
          done={create.isSuccess ? `Added ${create.data.displayName}.` : null}
        />
      </fieldset>
      {create.error ? (
        <ErrorNotice error={create.error} title="Could not add the agent" listProblems={errors.size === 0} />
      ) : null}
    </form>
  );
}

function SkillsSection({
  skills,
}: {
  skills: { data?: Skill[]; error: unknown; isPending: boolean; refetch(): unknown };
}) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.skills.create.mutationOptions({
      onSuccess: () => {
        setName('');
        void queryClient.invalidateQueries(trpc.skills.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const canDesign = allows(tenant, 'design');
  return (
    <section className={ui.card} aria-labelledby="skills-heading">
      <div className={ui.cardHead}>
        <h2 id="skills-heading">Skills</h2>
      </div>
      <div className={ui.cardBody}>
        {skills.error ? (
          <ErrorNotice
            error={skills.error}
            title="Could not load the skills"
            onRetry={() => void skills.refetch()}
          />
        ) : null}
        {skills.isPending ? (
          <Loading what="skills" />
        ) : skills.data?.length === 0 ? (
          <p className="muted" style={{ marginTop: 0 }}>
            No skills yet.
          </p>
        ) : (
          <p style={{ marginTop: 0 }}>
            {skills.data?.map((s) => (
              <span key={s.id} className={ui.tag}>
                {s.name}
              </span>
            ))}
          </p>
        )}
        <form
          className={ui.formRowBottom}
          aria-label="New skill"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ tenantId: tenant.id, name });
          }}
        >
          <NumberlessField id="skill-name" label="New skill" error={errors.get('name')}>
            <input
              id="skill-name"
              className={ui.input}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={100}
              placeholder="French"
              disabled={!canDesign}
              title={canDesign ? undefined : roleHint('design')}
            />
          </NumberlessField>
          <button
            type="submit"
            className={ui.primary}
            disabled={!canDesign || create.isPending}
            aria-busy={create.isPending}
          >
            <Plus size={14} aria-hidden="true" />
            {create.isPending ? 'Adding…' : 'Add skill'}
          </button>
        </form>
        {create.error ? (
          <div style={{ marginTop: 8 }}>
            <ErrorNotice
              error={create.error}
              title="Could not add the skill"
              listProblems={errors.size === 0}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
