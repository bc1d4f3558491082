import type { Metadata } from 'next';
import { NumbersPage } from '../../../../../features/numbers/numbers-page';

export const metadata: Metadata = { title: 'Numbers' };

export default function Page() {
  return <NumbersPage />;
}
