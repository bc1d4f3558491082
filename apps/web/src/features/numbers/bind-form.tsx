'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { Card } from '../shell/card';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { FormField, TextField } from '../shell/form-field';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

type Kind = RouterOutputs['bindings']['list'][number]['kind'];

/** Points a phone number or Teams resource account at a flow (again: re-points it). */
export function BindForm({ flows }: { flows: RouterOutputs['flows']['list'] }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('e164');
  const [address, setAddress] = useState('');
  const [flowId, setFlowId] = useState('');
  const bind = useMutation(
    trpc.bindings.bind.mutationOptions({
      onSuccess: () => {
        setAddress('');
        void queryClient.invalidateQueries(trpc.bindings.list.queryFilter());
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    bind.mutate({ tenantId: tenant.id, kind, address, flowId });
  };
  const addressError = fieldErrors(bind.error).get('address');
  const e164 = kind === 'e164';
  return (
    <Card title="Bind a number or resource account" headingId="bind-heading">
      <form className={`${ui.cardBody} ${ui.form}`} onSubmit={submit}>
        <div className={ui.formRow}>
          <FormField id="bind-kind" label="Kind">
            {(control) => (
              <select
                {...control}
                className={ui.input}
                value={kind}
                onChange={(e) => setKind(e.target.value as Kind)}
              >
                <option value="e164">Phone number (E.164)</option>
                <option value="resourceAccount">Teams resource account</option>
              </select>
            )}
          </FormField>
          <TextField
            id="bind-address"
            label={e164 ? 'Phone number' : 'Resource account id'}
            error={addressError}
            help={
              e164
                ? 'A plus, the country code and the number, like +14255550100.'
                : 'The Entra object id or the sign-in name (UPN) of the Teams resource account.'
            }
            mono
            value={address}
            onChange={setAddress}
            required
            maxLength={320}
            size={30}
            inputMode={e164 ? 'tel' : 'text'}
            placeholder={e164 ? '+14255550100' : 'main-line@contoso.com or its object id'}
          />
          <FormField id="bind-flow" label="Flow" help="Binding an address again re-points it.">
            {(control) => (
              <select
                {...control}
                className={ui.input}
                value={flowId}
                onChange={(e) => setFlowId(e.target.value)}
                required
              >
                <option value="" disabled>
                  Choose a flow…
                </option>
                {flows.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                    {f.liveVersion === null ? ' (not published)' : ` (live v${f.liveVersion})`}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <div className={ui.field}>
            <span className={ui.fieldLabel} aria-hidden="true">
              &nbsp;
            </span>
            <button type="submit" className={ui.primary} disabled={bind.isPending} aria-busy={bind.isPending}>
              <Link2 size={14} aria-hidden="true" />
              {bind.isPending ? 'Binding…' : 'Bind'}
            </button>
            <span className={ui.fieldHelp}>&nbsp;</span>
          </div>
        </div>
        <ErrorNotice error={bind.error} title="Could not bind" listProblems={!addressError} />
        {bind.isSuccess ? (
          <p role="status" className="muted" style={{ margin: 0 }}>
            Bound {bind.variables?.address}.
          </p>
        ) : null}
      </form>
    </Card>
  );
}
