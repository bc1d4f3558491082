import type { Metadata } from 'next';
import { FlowEditorPage } from '../../../../../../features/flows/editor/flow-editor-page';

export const metadata: Metadata = { title: 'Designer' };

export default async function Page({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  return <FlowEditorPage key={flowId} flowId={flowId} />;
}
