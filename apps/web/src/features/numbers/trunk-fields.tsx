import { TextField } from '../shell/form-field';
import ui from '../shell/ui.module.css';

/** What the trunk form holds: the addresses as typed, one string. */
export interface TrunkDraft {
  name: string;
  fqdn: string;
  addresses: string;
}

export const EMPTY_TRUNK: TrunkDraft = { name: '', fqdn: '', addresses: '' };

/** Addresses as an admin pastes them: separated by commas, semicolons, spaces or new lines. */
function addressList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((a) => a !== '');
}

/** The trunk procedures' input for a draft: no FQDN when it is blank, the addresses as a list. */
export function trunkInput(draft: TrunkDraft) {
  return { name: draft.name, fqdn: draft.fqdn.trim() || null, addresses: addressList(draft.addresses) };
}

/** The first server problem about the address list or one of its entries (`addresses.2`). */
function addressError(errors: Map<string, string>): string | undefined {
  for (const [field, message] of errors) {
    if (field === 'addresses' || field.startsWith('addresses.')) return message;
  }
  return undefined;
}

/** A trunk's name, FQDN and source addresses, for the new-trunk form and the edit dialog. */
export function TrunkFields({
  idPrefix,
  draft,
  onChange,
  errors,
}: {
  idPrefix: string;
  draft: TrunkDraft;
  onChange(draft: TrunkDraft): void;
  errors: Map<string, string>;
}) {
  return (
    <div className={ui.formRow}>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        error={errors.get('name')}
        help="As admins know the SBC"
        value={draft.name}
        onChange={(name) => onChange({ ...draft, name })}
        required
        maxLength={200}
        placeholder="Contoso SBC"
      />
      <TextField
        id={`${idPrefix}-fqdn`}
        label="FQDN (optional)"
        error={errors.get('fqdn')}
        help="Unique across tenants: one SBC, one subdomain per customer"
        mono
        value={draft.fqdn}
        onChange={(fqdn) => onChange({ ...draft, fqdn })}
        maxLength={254}
        size={30}
        placeholder="customer1.sbc.contoso.com"
      />
      <TextField
        id={`${idPrefix}-addresses`}
        label="Source IP addresses"
        error={addressError(errors)}
        help="IPv4 or IPv6, separated by commas; give these, an FQDN, or both"
        mono
        value={draft.addresses}
        onChange={(addresses) => onChange({ ...draft, addresses })}
        size={34}
        placeholder="203.0.113.10, 2001:db8::10"
      />
    </div>
  );
}
