import { getNodeType, nodeTypes } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import {
  type FieldDescriptor,
  formFor,
  initialValue,
  variantOf,
  variantValue,
} from '../../src/features/designer/inspector/field-descriptors';
import { getIn, setIn } from '../../src/features/designer/inspector/value-path';

const form = (type: string) => formFor(getNodeType(type)!.data);
const field = (fields: FieldDescriptor[], key: string) => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('forms generated from node data schemas', () => {
  it('a menu: prompt as a kind select, options as a list, numbers with bounds, a barge-in checkbox', () => {
    const menu = form('menu');
    const prompt = field(menu, 'prompt');
    expect(prompt).toMatchObject({ kind: 'union', discriminator: 'kind', required: true });
    if (prompt.kind !== 'union') throw new Error();
    expect(prompt.variants.map((v) => v.value)).toEqual(['tts', 'audio']);
    expect(prompt.variants[0]!.fields.map((f) => f.key)).toEqual(['text', 'language', 'voice']);
    expect(prompt.variants[0]!.fields[0]).toMatchObject({ kind: 'text', multiline: true });
    expect(prompt.variants[1]!.fields[0]).toMatchObject({
      key: 'promptId',
      kind: 'reference',
      ref: 'prompt',
    });
    expect(prompt.help).toBe('The menu, read to the caller.');

    const options = field(menu, 'options');
    expect(options).toMatchObject({ kind: 'array', minItems: 1 });
    if (options.kind !== 'array' || options.item.kind !== 'object') throw new Error();
    expect(options.item.fields[0]).toMatchObject({ key: 'key', kind: 'enum' });

    expect(field(menu, 'timeoutSeconds')).toMatchObject({ kind: 'number', min: 1, max: 60, integer: false });
    expect(field(menu, 'retries')).toMatchObject({
      kind: 'number',
      integer: true,
      min: 0,
      max: 9,
      default: 2,
    });
    expect(field(menu, 'bargeIn')).toMatchObject({ kind: 'boolean', default: true });
    expect(field(menu, 'noInputPrompt')).toMatchObject({ kind: 'union', required: false });
  });

  it('references are picked from lists: queues, skills, schedules, flows and variables', () => {
    const queue = form('queue');
    expect(field(queue, 'queueId')).toMatchObject({ kind: 'reference', ref: 'queue' });
    const skills = field(queue, 'skills');
    if (skills.kind !== 'array' || skills.item.kind !== 'object') throw new Error();
    expect(skills.item.fields[0]).toMatchObject({ key: 'skillId', kind: 'reference', ref: 'skill' });
    expect(field(form('collectDigits'), 'variable')).toMatchObject({ kind: 'reference', ref: 'variable' });
    const schedule = field(form('businessHours'), 'schedule');
    if (schedule.kind !== 'union') throw new Error();
    expect(schedule.variants.find((v) => v.value === 'ref')!.fields[0]).toMatchObject({ ref: 'schedule' });
    const target = field(form('transfer'), 'target');
    if (target.kind !== 'union') throw new Error();
    expect(target.variants.map((v) => v.value)).toEqual(['teamsUser', 'phone', 'sip', 'flow']);
    expect(target.variants.find((v) => v.value === 'flow')!.fields[0]).toMatchObject({ ref: 'flow' });
  });

  it('a Teams user is chosen by upn or object id: a union without a discriminator', () => {
    const target = field(form('transfer'), 'target');
    if (target.kind !== 'union') throw new Error();
    const user = target.variants.find((v) => v.value === 'teamsUser')!.fields[0]!;
    expect(user).toMatchObject({ kind: 'union', discriminator: null });
    if (user.kind !== 'union') throw new Error();
    expect(user.variants.map((v) => v.value)).toEqual(['upn', 'objectId']);
    expect(variantOf(user, { objectId: 'x' })?.value).toBe('objectId');
    expect(variantValue(user, user.variants[1]!)).toEqual({ objectId: '' });
  });

  it('a nullable enum is one select with a none choice; weekly hours are a record of days', () => {
    const terminator = field(form('collectDigits'), 'terminator');
    expect(terminator).toMatchObject({ kind: 'enum' });
    if (terminator.kind !== 'enum') throw new Error();
    expect(terminator.options.map((o) => o.value)).toEqual(['#', '*', null]);
    const schedule = field(form('businessHours'), 'schedule');
    if (schedule.kind !== 'union') throw new Error();
    const weekly = schedule.variants
      .find((v) => v.value === 'inline')!
      .fields.find((f) => f.key === 'weekly')!;
    expect(weekly).toMatchObject({ kind: 'record', keys: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
  });

  it('switching a prompt to an audio prompt starts it with the kind and an empty choice', () => {
    const prompt = field(form('playPrompt'), 'prompt');
    if (prompt.kind !== 'union') throw new Error();
    expect(variantValue(prompt, prompt.variants[1]!)).toEqual({ kind: 'audio', promptId: '' });
    expect(variantOf(prompt, { kind: 'tts', text: 'hi' })?.value).toBe('tts');
  });

  it('a new list item passes its schema where it can: a condition branch, an HTTP header', () => {
    const branches = field(form('condition'), 'branches');
    if (branches.kind !== 'array') throw new Error();
    expect(initialValue(branches.item)).toMatchObject({ condition: { rules: [{ left: { var: '' } }] } });
    const headers = field(form('httpRequest'), 'headers');
    if (headers.kind !== 'array') throw new Error();
    expect(initialValue(headers.item)).toEqual({ name: '', value: '' });
  });

  it('every registered node type gets a form', () => {
    for (const t of nodeTypes) expect(Array.isArray(formFor(t.data))).toBe(true);
    expect(form('start')).toEqual([]);
  });
});

describe('field paths', () => {
  it('reads and replaces a value deep in node data, copying only the path', () => {
    const data = { options: [{ key: '1' }, { key: '2' }], prompt: { kind: 'tts', text: 'x' } };
    expect(getIn(data, ['options', 1, 'key'])).toBe('2');
    const next = setIn(data, ['options', 1, 'key'], '3') as typeof data;
    expect(next.options[1]!.key).toBe('3');
    expect(next.options[0]).toBe(data.options[0]);
    expect(next.prompt).toBe(data.prompt);
    expect(data.options[1]!.key).toBe('2');
    expect(setIn(data, ['prompt'], undefined)).not.toHaveProperty('prompt');
  });
});
