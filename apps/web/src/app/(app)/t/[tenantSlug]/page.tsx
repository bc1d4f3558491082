import { redirect } from 'next/navigation';

/** A tenant opens on its flows. */
export default async function TenantHome({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  redirect(`/t/${tenantSlug}/flows`);
}
