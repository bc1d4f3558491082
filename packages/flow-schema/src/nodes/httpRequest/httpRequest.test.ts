import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';

const lookup = (data: Record<string, unknown> = {}) =>
  oneNodeFlow(
    'httpRequest',
    {
      method: 'POST',
      url: 'https://crm.example.com/lookup?phone={{call.caller}}',
      headers: [{ name: 'X-Api-Key', value: 'secret' }],
      body: '{"account":"{{account}}"}',
      timeoutSeconds: 4,
      responseMappings: [
        { path: 'customer.tier', variable: 'tier' },
        { path: 'orders.0.id', variable: 'lastOrder' },
      ],
      ...data,
    },
    { variables: [{ name: 'tier' }, { name: 'lastOrder' }, { name: 'account' }] },
  );

describe('HTTP request', () => {
  it('the request is an effect with its templates intact; a 200 stores the mapped fields → success', () => {
    const call = simulate(lookup());
    expect(call.effectsOf('httpRequest')).toEqual([
      {
        type: 'httpRequest',
        params: {
          method: 'POST',
          url: 'https://crm.example.com/lookup?phone={{call.caller}}',
          headers: [{ name: 'X-Api-Key', value: 'secret' }],
          body: '{"account":"{{account}}"}',
          timeoutMs: 4000,
        },
      },
    ]);
    call.send({
      type: 'HTTP_DONE',
      status: 200,
      body: { customer: { tier: 'gold' }, orders: [{ id: 'A-17' }] },
    });
    expect(call.node).toBe('out_success');
    expect(call.vars).toMatchObject({ tier: 'gold', lastOrder: 'A-17' });
  });

  it('a 404 → error, and nothing is stored', () => {
    const call = simulate(lookup());
    call.send({ type: 'HTTP_DONE', status: 404, body: { customer: { tier: 'gold' } } });
    expect(call.node).toBe('out_error');
    expect(call.vars.tier).toBeNull();
  });

  it('a network failure → error', () => {
    const call = simulate(lookup());
    call.send({ type: 'HTTP_FAILED', reason: 'ECONNREFUSED' });
    expect(call.node).toBe('out_error');
  });

  it('an answer that never comes (lost in a restart) still leaves by error after the timeout', () => {
    const call = simulate(lookup());
    call.advance(5999);
    expect(call.node).toBe('node');
    call.advance(1);
    expect(call.node).toBe('out_error');
  });

  it('reports a URL that is not http(s), a bad header name and a bad response path', () => {
    const problems = problemsOf(
      lookup({
        url: 'ftp://files.example.com/{{account}}',
        headers: [{ name: 'Bad Header', value: '' }],
        responseMappings: [{ path: 'a..b', variable: 'tier' }],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'node', field: 'headers.0.name', code: 'invalid-data' }),
        expect.objectContaining({ nodeId: 'node', field: 'responseMappings.0.path', code: 'invalid-data' }),
      ]),
    );
    expect(problemsOf(lookup({ url: 'ftp://files.example.com/{{account}}' }))).toEqual([
      expect.objectContaining({ nodeId: 'node', field: 'url', code: 'invalid-url' }),
    ]);
  });
});
