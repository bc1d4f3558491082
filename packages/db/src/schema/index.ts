export * from './audit';
export * from './bindings';
export * from './calls';
export * from './flows';
export * from './prompts';
export * from './routing';
export * from './schedules';
export * from './tenants';
