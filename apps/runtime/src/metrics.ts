import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** The runtime's Prometheus metrics, on their own registry (served at /metrics). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_runtime_' });
  return {
    registry,
    activeCalls: new Gauge({
      name: 'parley_active_calls',
      help: 'Calls running in this process',
      labelNames: ['channel'],
      registers: [registry],
    }),
    callsStarted: new Counter({
      name: 'parley_calls_started_total',
      help: 'Calls started',
      labelNames: ['channel'],
      registers: [registry],
    }),
    callsEnded: new Counter({
      name: 'parley_calls_ended_total',
      help: 'Calls ended, by who ended them (caller, flow, handoff, error)',
      labelNames: ['channel', 'ended_by'],
      registers: [registry],
    }),
    callsRejected: new Counter({
      name: 'parley_calls_rejected_total',
      help: 'Incoming calls refused because nothing is bound to the called address',
      labelNames: ['channel'],
      registers: [registry],
    }),
    sinkBacklog: new Gauge({
      name: 'parley_event_sink_backlog',
      help: 'Call records and checkpoints not yet stored',
      registers: [registry],
    }),
    sinkSpooled: new Gauge({
      name: 'parley_event_sink_spooled',
      help: 'Call records waiting in the spool file on disk',
      registers: [registry],
    }),
    sinkFailures: new Counter({
      name: 'parley_event_sink_failures_total',
      help: 'Failed store attempts of the event sink',
      registers: [registry],
    }),
    adapterErrors: new Counter({
      name: 'parley_adapter_errors_total',
      help: 'Telephony commands that failed',
      labelNames: ['channel', 'command'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
