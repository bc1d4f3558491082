'use client';

import type { FlowDocument } from '@parley/flow-schema';
import { useState } from 'react';
import { type DesignerReferences, FlowDesigner } from '../../features/designer/flow-designer';

/** Tenant things the example flow points at, so reference fields have something to pick. */
const references: DesignerReferences = {
  queues: [
    { id: 'q-billing', name: 'Billing' },
    { id: 'q-support', name: 'Technical support' },
    { id: 'q-sales', name: 'Sales' },
  ],
  schedules: [
    {
      id: 'sch-office',
      name: 'Office hours',
      definition: {
        kind: 'inline',
        weekly: {
          mon: [{ open: '09:00', close: '17:00' }],
          tue: [{ open: '09:00', close: '17:00' }],
          wed: [{ open: '09:00', close: '17:00' }],
          thu: [{ open: '09:00', close: '17:00' }],
          fri: [{ open: '09:00', close: '17:00' }],
        },
        holidays: [],
        specialDays: [],
      },
    },
  ],
  prompts: [
    { id: 'pr-welcome', name: 'Welcome (recorded)' },
    { id: 'pr-hold', name: 'Hold music with message' },
  ],
  flows: [{ id: 'fl-after-hours', name: 'After-hours flow' }],
  skills: [
    { id: 'sk-networking', name: 'Networking' },
    { id: 'sk-french', name: 'French' },
  ],
};

/** Local state around the designer: what a page with a server would load and autosave. */
export function DesignerPreview({ initial }: { initial: FlowDocument }) {
  const [document, setDocument] = useState(initial);
  const [edits, setEdits] = useState(0);
  return (
    <FlowDesigner
      document={document}
      onChange={(next) => {
        setDocument(next);
        setEdits((n) => n + 1);
      }}
      references={references}
      status={edits === 0 ? 'Preview: changes stay in this tab' : `${edits} change(s), not saved (preview)`}
    />
  );
}
