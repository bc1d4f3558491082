import { z } from 'zod';
import { variableNameSchema } from '../../document';
import { codeForMessage } from '../../issues';
import { action, defineNodeType, guard, type NodeProblem } from '../../node-type';
import { templateReads } from '../../prompt-uses';

const headerSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header name is a token like X-Api-Key'),
  value: z.string().max(4000),
});

const mappingSchema = z.object({
  /** Dotted path into the JSON response: `customer.tier`, `items.0.id`. */
  path: z
    .string()
    .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'use a dotted path like customer.tier or items.0.id'),
  variable: variableNameSchema,
});

export const httpRequestData = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET').describe('HTTP method.'),
  url: z
    .string()
    .min(1, 'enter the URL to call')
    .max(2000)
    .describe('A template: placeholders are URL-encoded when the request is made.'),
  headers: z.array(headerSchema).default([]).describe('`{ name, value }`; values may hold placeholders.'),
  body: z.string().max(20_000).optional().describe('Request body template (not sent with GET).'),
  timeoutSeconds: z.number().min(1).max(30).default(5).describe('No answer in this time takes Error.'),
  responseMappings: z
    .array(mappingSchema)
    .default([])
    .describe('`{ path, variable }`: JSON fields of a 2xx answer to keep.'),
});

const URL_MESSAGE = codeForMessage('use an http:// or https:// URL', 'invalid-url');

/** Calls a web service (a CRM lookup, a ticket) and keeps fields of its JSON answer in variables. */
export const httpRequestNode = defineNodeType({
  type: 'httpRequest',
  data: httpRequestData,
  defaults: () => ({
    method: 'GET' as const,
    url: 'https://crm.example.com/customers?phone={{call.caller}}',
    headers: [],
    timeoutSeconds: 5,
    responseMappings: [],
  }),
  outcomes: () => [
    { name: 'success', label: 'Success (2xx)' },
    { name: 'error', label: 'Error' },
  ],
  // The caller waits on the network while the request runs.
  waitsForCaller: true,
  meta: {
    label: 'HTTP request',
    category: 'Integration',
    icon: 'globe',
    help: 'Calls a web service. A 2xx answer takes Success and copies the mapped JSON fields into variables; any other status, a network error or the timeout takes Error. Placeholders in the URL are URL-encoded.',
  },
  validate: (data) => urlProblems(data.url),
  variables: (data) => ({
    reads: [
      ...templateReads(data.url, 'url'),
      ...data.headers.flatMap((h, i) => templateReads(h.value, `headers.${i}.value`)),
      ...templateReads(data.body, 'body'),
    ],
    writes: data.responseMappings.map((m, i) => ({
      name: m.variable,
      field: `responseMappings.${i}.variable`,
    })),
  }),
  compile: (data, ctx) => {
    const timeoutMs = Math.round(data.timeoutSeconds * 1000);
    const error = ctx.outcome('error');
    return {
      entry: [
        action('httpRequest', {
          method: data.method,
          url: data.url,
          headers: data.headers,
          ...(data.body !== undefined && data.method !== 'GET' ? { body: data.body } : {}),
          timeoutMs,
        }),
      ],
      on: {
        HTTP_DONE: [
          ctx.outcome('success', {
            guard: guard('httpOk'),
            actions: [action('storeHttpResponse', { mappings: data.responseMappings })],
          }),
          error,
        ],
        HTTP_FAILED: error,
      },
      // A request whose answer was lost (the runtime restarted mid-request) must not strand the caller.
      after: { [String(timeoutMs + 2000)]: error },
    };
  },
});

/** A URL template is checked with its placeholders filled by a harmless value. */
function urlProblems(template: string): NodeProblem[] {
  const sample = template.replace(/\{\{[^{}]*\}\}/g, 'x');
  try {
    const url = new URL(sample);
    if (url.protocol === 'http:' || url.protocol === 'https:') return [];
  } catch {
    // falls through to the problem below
  }
  return [{ field: 'url', code: 'invalid-url', message: URL_MESSAGE }];
}
