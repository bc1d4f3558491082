'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { Card } from '../shell/card';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { TextField } from '../shell/form-field';
import { type ListQuery, LoadError } from '../shell/query-states';
import { Loading } from '../shell/spinner';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import type { Skill } from './skills';

/** The skills queues ask for and agents have, as tags, and a form for a new one. */
export function SkillsSection({ skills }: { skills: ListQuery<Skill> }) {
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
    <Card title="Skills" headingId="skills-heading">
      <div className={ui.cardBody}>
        <LoadError query={skills} title="Could not load the skills" />
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
          <TextField
            id="skill-name"
            label="New skill"
            error={errors.get('name')}
            value={name}
            onChange={setName}
            required
            maxLength={100}
            placeholder="French"
            disabled={!canDesign}
            title={canDesign ? undefined : roleHint('design')}
          />
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
    </Card>
  );
}
