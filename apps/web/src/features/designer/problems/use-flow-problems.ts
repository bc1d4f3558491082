import { type FlowDocument, type Problem, parseFlow, validateFlow } from '@parley/flow-schema';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type DesignerReferences, referenceOptions } from '../references';
import { sameStructure } from './structure';

const DEBOUNCE_MS = 150;

/** Every problem of a document, as publishing would find them (references checked when given). */
export function findProblems(document: FlowDocument, references?: DesignerReferences): Problem[] {
  const parsed = parseFlow(document);
  if (!parsed.ok) return parsed.problems;
  return validateFlow(
    parsed.document,
    references
      ? { resolver: (ref) => referenceOptions(references, ref.kind).some((o) => o.id === ref.id) }
      : {},
  );
}

export interface FlowProblems {
  problems: Problem[];
  /** Problems per node id (flow-level problems under the empty string). */
  byNode: ReadonlyMap<string, Problem[]>;
  /** A newer document is waiting for its check. */
  pending: boolean;
}

/** Live validation, debounced, and re-run only when something other than positions changed. */
export function useFlowProblems(document: FlowDocument, references?: DesignerReferences): FlowProblems {
  const [problems, setProblems] = useState<Problem[]>(() => findProblems(document, references));
  const [pending, setPending] = useState(false);
  const checked = useRef({ document, references });

  useEffect(() => {
    const last = checked.current;
    if (last.references === references && sameStructure(last.document, document)) return;
    setPending(true);
    const timer = setTimeout(() => {
      checked.current = { document, references };
      setProblems(findProblems(document, references));
      setPending(false);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document, references]);

  const byNode = useMemo(() => {
    const map = new Map<string, Problem[]>();
    for (const p of problems) {
      const key = p.nodeId ?? '';
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    }
    return map;
  }, [problems]);

  return { problems, byNode, pending };
}
