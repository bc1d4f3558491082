import { customType } from 'drizzle-orm/pg-core';

/** A bytea column: drizzle 0.45 has none, and both drivers hand bytea over as a Uint8Array/Buffer. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});
