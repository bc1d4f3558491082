import type { Metadata } from 'next';
import { VoicemailPage } from '../../../../../features/voicemail/voicemail-page';

export const metadata: Metadata = { title: 'Voicemail' };

export default function Page() {
  return <VoicemailPage />;
}
