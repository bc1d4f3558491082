import type { TenantOverview } from './load-overview';

const updated = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** One tenant's flows as a dense table: name, live version, draft revision, last change. */
export function TenantSection({ tenant }: { tenant: TenantOverview }) {
  const headingId = `tenant-${tenant.slug}`;
  return (
    <section className="tenant" aria-labelledby={headingId}>
      <div className="tenant-head">
        <h2 id={headingId}>{tenant.name}</h2>
        <span className="muted">{tenant.slug}</span>
      </div>
      {tenant.flows.length === 0 ? (
        <p className="empty">No flows yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Flows of {tenant.name}</caption>
          <thead>
            <tr>
              <th scope="col">Flow</th>
              <th scope="col">Live</th>
              <th scope="col">Draft</th>
              <th scope="col">Updated (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {tenant.flows.map((flow) => (
              <tr key={flow.id}>
                <td className="flow-name">{flow.name}</td>
                <td>
                  {flow.liveVersion === null ? (
                    <span className="badge draft">not published</span>
                  ) : (
                    <span className="badge live">v{flow.liveVersion}</span>
                  )}
                </td>
                <td className="num">rev {flow.revision}</td>
                <td className="num">
                  <time dateTime={flow.updatedAt.toISOString()}>{updated.format(flow.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
