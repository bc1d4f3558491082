'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { Card } from '../shell/card';
import { CreateForm } from '../shell/create-form';
import { fieldErrors } from '../shell/field-errors';
import { FormField, TextField } from '../shell/form-field';
import { LoadError, QueryTable } from '../shell/query-states';
import { RowButton } from '../shell/row-button';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { EditAgentDialog, SIP_TARGET_HELP } from './edit-agent-dialog';
import type { Skill, SkillProps } from './skills';

type Agent = RouterOutputs['agents']['list'][number];

/** The agents, with their skills and where queue calls ring them, and a form for a new one. */
export function AgentsSection({ skills, skillName }: SkillProps) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const agents = useQuery(trpc.agents.list.queryOptions({ tenantId: tenant.id }));
  const [editing, setEditing] = useState<Agent | null>(null);
  return (
    <Card title="Agents" headingId="agents-heading">
      <LoadError query={agents} title="Could not load the agents" />
      <QueryTable
        query={agents}
        what="agents"
        empty="No agents yet."
        columns={[
          'Agent',
          'Teams user',
          'Phone number or SIP URI',
          'Skills (proficiency 1–5)',
          { hidden: 'Actions' },
        ]}
      >
        {(a) => (
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
                <RowButton
                  icon={Pencil}
                  label="Edit"
                  subject={a.displayName}
                  ability="design"
                  onClick={() => setEditing(a)}
                />
              </div>
            </td>
          </tr>
        )}
      </QueryTable>
      <CreateAgentForm skills={skills} />
      <EditAgentDialog agent={editing} onClose={() => setEditing(null)} />
    </Card>
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
  const submit = () =>
    create.mutate({
      tenantId: tenant.id,
      teamsUserId,
      displayName,
      sipTarget: sipTarget.trim() || null,
      skills: Object.entries(levels)
        .filter(([, level]) => level > 0)
        .map(([skillId, proficiency]) => ({ skillId, proficiency })),
    });
  return (
    <CreateForm
      legend="New agent"
      ability="design"
      mutation={create}
      errorTitle="Could not add the agent"
      submitLabel="Add agent"
      pendingLabel="Adding…"
      done={create.isSuccess ? `Added ${create.data.displayName}.` : null}
      onSubmit={submit}
    >
      <div className={ui.formRow}>
        <TextField
          id="agent-teams"
          label="Teams user id"
          error={errors.get('teamsUserId')}
          help="Entra object id or UPN"
          mono
          value={teamsUserId}
          onChange={setTeamsUserId}
          required
          maxLength={320}
          size={30}
          placeholder="ana@contoso.com"
        />
        <TextField
          id="agent-name"
          label="Display name"
          error={errors.get('displayName')}
          help="As callers' reports show it"
          value={displayName}
          onChange={setDisplayName}
          required
          maxLength={200}
          placeholder="Ana Silva"
        />
        <TextField
          id="agent-sip"
          label="Phone number or SIP URI"
          error={errors.get('sipTarget')}
          help={SIP_TARGET_HELP}
          mono
          value={sipTarget}
          onChange={setSipTarget}
          maxLength={320}
          size={30}
          placeholder="+14255550123 or sip:ana@contoso.com"
        />
      </div>
      <fieldset className={ui.fieldset} style={{ marginTop: 8 }}>
        <legend>Skills</legend>
        {skills.length === 0 ? (
          <span className="muted">No skills yet: add some below.</span>
        ) : (
          <div className={ui.formRow}>
            {skills.map((s) => (
              <FormField key={s.id} id={`agent-skill-${s.id}`} label={s.name}>
                {(control) => (
                  <select
                    {...control}
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
                )}
              </FormField>
            ))}
          </div>
        )}
        {errors.get('skills') ? <span className={ui.fieldError}>{errors.get('skills')}</span> : null}
      </fieldset>
    </CreateForm>
  );
}
