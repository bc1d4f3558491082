import { ValidationError } from '@parley/db';
import {
  CURRENT_SCHEMA_VERSION,
  type FlowDocument,
  flowSettingsSchema,
  getNodeType,
  parseFlow,
} from '@parley/flow-schema';

/** A new flow's first draft: a call comes in and is hung up, so it is valid from the start. */
export function starterDocument(name: string): FlowDocument {
  const node = (id: string, type: string, y: number) => ({
    id,
    type,
    position: { x: 0, y },
    endCallOn: [],
    data: (getNodeType(type)?.defaults() ?? {}) as Record<string, unknown>,
  });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name,
    settings: flowSettingsSchema.parse({}),
    variables: [],
    nodes: [node('start', 'start', 0), node('hangup', 'hangup', 160)],
    edges: [{ id: 'start-next', source: 'start', outcome: 'next', target: 'hangup' }],
  };
}

/** Reads a flow document (upgrading old ones); ValidationError with every problem of its shape. */
export function parseDocument(raw: unknown): FlowDocument {
  const parsed = parseFlow(raw);
  if (!parsed.ok) throw new ValidationError(parsed.problems);
  return parsed.document;
}

/** Parses JSON text a user pasted or uploaded; ValidationError when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError([
      {
        nodeId: null,
        code: 'invalid-document',
        message: `this is not JSON (${(error as Error).message}): export the flow from Parley and import that file`,
      },
    ]);
  }
}

/** A draft with its document name set, when the draft is an object that has one. */
export function withName(draft: unknown, name: string): Record<string, unknown> {
  const doc = draft !== null && typeof draft === 'object' && !Array.isArray(draft) ? draft : {};
  return { ...(doc as Record<string, unknown>), name };
}

/** A file name for an exported flow: `support-line.v3.parley.json`. */
export function exportFileName(name: string, version: number | null): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'flow';
  return `${slug}${version === null ? '.draft' : `.v${version}`}.parley.json`;
}
