import { matchDirectory } from '@parley/flow-schema';
import type { Effect } from '../../effects';
import { transferTo } from '../transfer/run';

/**
 * Looks the keys the caller typed up in the directory. Exactly one match is transferred; none, or a
 * name that fits several people, counts as no match so the node can ask again.
 */
export const directoryLookup: Effect<'directoryLookup'> = (call, p) => {
  const digits = call.digits().replace(/#$/, '');
  const matches = matchDirectory(p.entries, p.mode, digits);
  const nodeId = call.nodeId ?? undefined;
  if (matches.length !== 1) {
    call.record(
      'error',
      {
        code: matches.length === 0 ? 'directory-no-match' : 'directory-ambiguous',
        digits,
        matches: matches.length,
      },
      nodeId,
    );
    call.send({ type: 'DIRECTORY_NO_MATCH' });
    return;
  }
  const [entry] = matches;
  transferTo(call, entry!.target, { name: entry!.name });
};
