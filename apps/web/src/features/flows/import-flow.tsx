'use client';

import type { Problem } from '@parley/flow-schema';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../shell/error-notice';
import { Modal } from '../shell/modal';
import { Spinner } from '../shell/spinner';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

const MAX_FILE_BYTES = 5_000_000;

/** "Import JSON…": a file picker that creates a flow from an exported document and lists its problems. */
export function ImportFlowButton() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const importFlow = useMutation(
    trpc.flows.import.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.flows.list.queryFilter()),
    }),
  );
  const canDesign = allows(tenant, 'design');

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setFileError(null);
    importFlow.reset();
    if (file.size > MAX_FILE_BYTES) {
      setFileError(
        `${file.name} is larger than 5 MB; a flow export is far smaller. Check that it is the right file.`,
      );
      return;
    }
    const text = await file.text();
    importFlow.mutate({ tenantId: tenant.id, document: text });
  };
  const close = () => {
    if (importFlow.isPending) return;
    importFlow.reset();
    setFileName(null);
    setFileError(null);
    if (input.current) input.current.value = '';
  };
  const result = importFlow.data;

  return (
    <>
      <input
        ref={input}
        id="import-flow-file"
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        disabled={!canDesign}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <button
        type="button"
        className={ui.button}
        disabled={!canDesign}
        title={canDesign ? 'Create a flow from an exported JSON file' : roleHint('design')}
        onClick={() => input.current?.click()}
      >
        <Upload size={14} aria-hidden="true" />
        Import JSON…
      </button>
      <Modal open={fileName !== null} title={`Import ${fileName ?? ''}`} onClose={close} wide>
        {importFlow.isPending ? (
          <p role="status" className={ui.toolbar}>
            <Spinner label="Importing…" />
          </p>
        ) : null}
        {fileError ? (
          <p className={ui.notice} role="alert">
            {fileError}
          </p>
        ) : null}
        {importFlow.error ? (
          <ErrorNotice error={importFlow.error} title="Nothing was imported" listProblems={false} />
        ) : null}
        {importFlow.error ? <ProblemList problems={problemsOf(importFlow.error)} /> : null}
        {result ? (
          <>
            <p role="status">
              Imported as <strong>{result.flow.name}</strong>.{' '}
              {result.problems.length === 0
                ? 'It has no problems and can be published.'
                : `It has ${result.problems.length} problem(s) to fix before it can be published:`}
            </p>
            <ProblemList problems={result.problems} />
          </>
        ) : null}
        <div className={ui.dialogActions}>
          <button type="button" className={ui.button} onClick={close} disabled={importFlow.isPending}>
            Close
          </button>
          {result ? (
            <Link className={ui.primary} href={`/t/${tenant.slug}/flows/${result.flow.id}`}>
              Open in the designer
            </Link>
          ) : null}
        </div>
      </Modal>
    </>
  );
}

function problemsOf(error: unknown): Problem[] {
  const problems = (error as { data?: { problems?: unknown } }).data?.problems;
  return Array.isArray(problems) ? (problems as Problem[]) : [];
}

/** Problems as the designer's problems panel words them: where, then what. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className={ui.tableWrap} style={{ maxHeight: 320, overflowY: 'auto' }}>
      <table>
        <caption className="visually-hidden">Problems</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder
            <tr key={i}>
              <td className={ui.mono}>
                {p.nodeId ?? 'flow'}
                {p.field ? ` · ${p.field}` : ''}
              </td>
              <td className={ui.wrap} style={{ whiteSpace: 'normal' }}>
                {p.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
