import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';
import { parseFlow, validateFlow } from '../../index';

const to = (target: unknown) => oneNodeFlow('transfer', { target });

describe('transfer', () => {
  it('a transfer to a Teams user is handed to the network; success ends the flow as handed off', () => {
    const call = simulate(to({ kind: 'teamsUser', user: { upn: 'alice@contoso.com' } }));
    expect(call.effectsOf('transfer')).toEqual([
      { type: 'transfer', params: { target: { kind: 'teamsUser', user: { upn: 'alice@contoso.com' } } } },
    ]);
    call.send({ type: 'HANDED_OFF' });
    expect(call.node).toBe('$handedOff');
    expect(call.done).toBe(true);
  });

  it('a busy number → failed', () => {
    const call = simulate(to({ kind: 'phone', number: '+14255550123' }));
    call.send({ type: 'TRANSFER_FAILED', reason: 'busy' });
    expect(call.node).toBe('out_failed');
  });

  it('names a malformed E.164 number, SIP URI and Teams object id', () => {
    expect(problemsOf(to({ kind: 'phone', number: '0044 20 7123 4567' }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'target.number', code: 'invalid-phone-number' }),
    );
    expect(problemsOf(to({ kind: 'sip', uri: 'alice at contoso' }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'target.uri' }),
    );
    expect(problemsOf(to({ kind: 'teamsUser', user: { objectId: 'not-a-guid' } }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', code: 'invalid-data' }),
    );
  });

  it('a transfer to another flow is a reference the resolver checks', () => {
    const parsed = parseFlow(to({ kind: 'flow', flowId: 'f-sales' }));
    if (!parsed.ok) throw new Error('parse');
    expect(
      validateFlow(parsed.document, { resolver: (r) => r.kind === 'flow' && r.id === 'f-sales' }),
    ).toEqual([]);
    expect(validateFlow(parsed.document, { resolver: () => false })).toEqual([
      expect.objectContaining({ nodeId: 'node', field: 'target.flowId', code: 'unknown-reference' }),
    ]);
  });
});
