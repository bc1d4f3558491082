import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileFlow,
  type FlowDocument,
  fixedPrompts,
  getNodeType,
  type Prompt,
  parseFlow,
  say,
} from './index';

const contactCenter = JSON.parse(
  readFileSync(new URL('../examples/contact-center.json', import.meta.url), 'utf8'),
) as { nodes: { id: string; type: string; data: Record<string, unknown> }[] };

type NodeEdit = (data: Record<string, unknown>) => void;

/** The contact center with some nodes' data changed, compiled. */
function compiledWith(edits: Record<string, NodeEdit> = {}) {
  const raw = structuredClone(contactCenter);
  for (const node of raw.nodes) edits[node.id]?.(node.data);
  const parsed = parseFlow(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = compileFlow(parsed.document);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { document: parsed.document, compiled: result.compiled };
}

const audio = (promptId: string): Prompt => ({ kind: 'audio', promptId });

describe('prompts known before a call', () => {
  it('the contact center: every menu, retry, input, directory, announcement and hold prompt', () => {
    expect(fixedPrompts(compiledWith().compiled)).toEqual(
      expect.arrayContaining([
        say('For billing press 1. For technical support press 2. To reach someone by extension press 3.'),
        say('Sorry, that is not an option.'),
        say('Sorry, I did not hear a choice.'),
        say('Please enter your account number, then press pound.'),
        say('Enter the extension of the person you are calling.'),
        say('Sorry, no one has that extension.'),
        say('Our offices are closed. Please leave a message.'),
        say('All our engineers are helping other customers. Please hold.'),
      ]),
    );
    expect(fixedPrompts(compiledWith().compiled)).toHaveLength(8);
  });

  it('a greeting naming the caller is left for the call; uploaded greetings and hold music are kept, once each', () => {
    const { compiled } = compiledWith({
      closed: (data) => {
        data.prompt = say('Hello {{call.callerName}}, our offices are closed.');
      },
      voicemail: (data) => {
        data.greeting = audio('greeting-wav');
      },
      billingQueue: (data) => {
        data.holdPrompt = audio('hold-wav');
      },
      // The same uploaded hold prompt in both queues, and the same apology spoken twice.
      supportQueue: (data) => {
        data.holdPrompt = audio('hold-wav');
      },
      askAccount: (data) => {
        data.noInputPrompt = say('Sorry, I did not hear a choice.');
      },
    });
    const prompts = fixedPrompts(compiled);
    expect(prompts).toContainEqual(audio('greeting-wav'));
    expect(prompts.filter((p) => p.kind === 'audio' && p.promptId === 'hold-wav')).toHaveLength(1);
    expect(
      prompts.filter((p) => p.kind === 'tts' && p.text === 'Sorry, I did not hear a choice.'),
    ).toHaveLength(1);
    expect(prompts.some((p) => p.kind === 'tts' && p.text.includes('{{'))).toBe(false);
    expect(prompts.some((p) => p.kind === 'tts' && p.text.startsWith('All our engineers'))).toBe(false);
  });

  it('an uploaded prompt in every prompt field of every node type is found, as each node type declares it', () => {
    const fill: Record<string, Record<string, string>> = {
      askAccount: { noInputPrompt: '', invalidPrompt: '' },
      billingQueue: { holdPrompt: '' },
      voicemail: { greeting: '' },
    };
    const { document, compiled } = compiledWith(
      Object.fromEntries(
        contactCenter.nodes.map((node): [string, NodeEdit] => [
          node.id,
          (data) => {
            for (const field of Object.keys(fill[node.id] ?? {})) data[field] = say('placeholder');
            for (const [field, value] of Object.entries(data)) {
              if (isPrompt(value)) data[field] = audio(`${node.id}.${field}`);
            }
          },
        ]),
      ),
    );
    const declared = declaredPromptIds(document);
    expect(declared).toHaveLength(12);
    const found = fixedPrompts(compiled).map((p) => (p.kind === 'audio' ? p.promptId : p.text));
    expect(found.sort()).toEqual(declared.sort());
  });
});

function isPrompt(value: unknown): boolean {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'tts' || kind === 'audio';
}

/** The uploaded prompts the node types say their nodes use. */
function declaredPromptIds(document: FlowDocument): string[] {
  return document.nodes.flatMap((node) => {
    const type = getNodeType(node.type);
    if (!type?.references) return [];
    return type
      .references(type.data.parse(node.data))
      .filter((ref) => ref.kind === 'prompt')
      .map((ref) => ref.id);
  });
}
