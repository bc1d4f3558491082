/**
 * Words for data keys and union kinds where turning the key into a sentence would read badly. Keys
 * not listed are spelled out from camelCase (`timeoutSeconds` → "Timeout seconds").
 */
const LABELS: Record<string, string> = {
  tts: 'Text to speech',
  audio: 'Audio prompt',
  promptId: 'Audio prompt',
  teamsUser: 'Teams user',
  user: 'Teams user',
  upn: 'User principal name',
  objectId: 'Entra object id',
  phone: 'Phone number',
  number: 'Phone number (E.164)',
  sip: 'SIP address',
  uri: 'SIP URI',
  flow: 'Another flow',
  flowId: 'Flow',
  shared: 'Shared mailbox',
  address: 'Mailbox address',
  inline: 'Hours written here',
  ref: 'Tenant schedule',
  scheduleId: 'Schedule',
  queueId: 'Queue',
  skillId: 'Skill',
  var: 'Variable',
  call: 'Call field',
  value: 'Value',
  url: 'URL',
  bargeIn: 'Barge-in',
  tts_text: 'Text',
  op: 'Comparison',
  id: 'Id',
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
  eq: 'equals',
  ne: 'does not equal',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
};

/** A person's label for a data key or an enum value. */
export function labelFor(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
