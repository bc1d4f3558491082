import { type FlowDocument, parseFlow } from '@parley/flow-schema';
import type { Metadata } from 'next';
import example from '../../../../../packages/flow-schema/examples/contact-center.json';
import { DesignerPreview } from './designer-preview';
import { largeFlow } from './large-flow';
import styles from './preview.module.css';

export const metadata: Metadata = { title: 'Designer preview' };

const MAX_NODES = 2000;

/**
 * The designer on the example contact-center flow, with local state only: no server, no sign-in.
 * `?nodes=500` opens a generated flow of that size instead, to try the designer at scale.
 */
export default async function DesignerPreviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { nodes } = await searchParams;
  const size = Number(Array.isArray(nodes) ? nodes[0] : nodes);
  let document: FlowDocument;
  if (Number.isInteger(size) && size > 0) {
    document = largeFlow(Math.min(size, MAX_NODES));
  } else {
    const parsed = parseFlow(example);
    if (!parsed.ok) throw new Error(`the example flow does not parse: ${parsed.problems[0]?.message}`);
    document = parsed.document;
  }
  return (
    <div className={styles.frame}>
      <DesignerPreview key={document.name} initial={document} />
    </div>
  );
}
