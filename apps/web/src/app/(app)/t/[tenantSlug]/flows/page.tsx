import type { Metadata } from 'next';
import { FlowsPage } from '../../../../../features/flows/flows-page';

export const metadata: Metadata = { title: 'Flows' };

export default function Page() {
  return <FlowsPage />;
}
