import { useApi, useLive } from '../../api/context.js';
import type { Alert, AlertGroup, ListResult } from '../../api/types.js';
import { useNavigate, useRoute } from '../../router/use-route.js';
import { DataTable } from '../../ui/data-table.js';
import { Pager } from '../../ui/pager.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { Time } from '../../ui/time.js';
import { useAsync } from '../../ui/use-async.js';
import { ALERT_COLUMNS } from './alert-columns.js';
import { AlertDetail } from './alert-detail.js';
import { AlertFilters } from './alert-filters.js';
import { filterParams } from './filters.js';

const LIMIT = 50;
type Grouping = 'none' | 'signature' | 'src';

/**
 * The alert table: filters, sorting and paging all happen on the server, and all live in the route, so a
 * view is a link. `id` in the route opens that alert's detail over the table.
 */
export function AlertsPage() {
  const { query } = useRoute();
  const nav = useNavigate();
  const filters = filterParams(query);
  const group: Grouping =
    query['group'] === 'signature' || query['group'] === 'src' ? query['group'] : 'none';
  const go = (q: Record<string, string | number | undefined>, replace = false) => nav('alerts', q, replace);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Alerts</h1>
        <div className="segmented" role="group" aria-label="Group alerts">
          {(['none', 'signature', 'src'] as const).map((g) => (
            <button
              key={g}
              type="button"
              aria-pressed={group === g}
              onClick={() => go({ ...filters, group: g === 'none' ? undefined : g })}
            >
              {g === 'none' ? 'All alerts' : g === 'signature' ? 'By signature' : 'By source'}
            </button>
          ))}
        </div>
      </div>
      <AlertFilters
        key={JSON.stringify(filters)}
        query={filters}
        onApply={(f) => go({ ...f, group: query['group'], sort: query['sort'] })}
      />
      {group === 'none' ? (
        <AlertList query={query} filters={filters} />
      ) : (
        <GroupList by={group} query={query} filters={filters} />
      )}
      {query['id'] !== undefined && (
        <AlertDetail id={query['id']} onClose={() => go({ ...query, id: undefined }, true)} />
      )}
    </div>
  );
}

function AlertList({ query, filters }: { query: Record<string, string>; filters: Record<string, string> }) {
  const api = useApi();
  const live = useLive();
  const nav = useNavigate();
  const sort = query['sort'] ?? '-ts';
  const offset = Number(query['offset'] ?? 0) || 0;
  const params = { ...filters, sort, limit: LIMIT, offset };
  const { data, error, loading, reload } = useAsync<ListResult<Alert>>(
    `${JSON.stringify(params)}/${live.alerts}`,
    (signal) => api.get<ListResult<Alert>>('/api/v1/alerts', params, signal),
  );
  const go = (q: Record<string, string | number | undefined>) => nav('alerts', { ...query, ...q });
  return (
    <section className="card" aria-label="Alert list" aria-busy={loading}>
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data === undefined && loading && <Loading what="alerts" />}
      {data !== undefined && (
        <>
          <Pager
            total={data.total}
            limit={LIMIT}
            offset={offset}
            onChange={(o) => go({ offset: o || undefined })}
          />
          {data.items.length === 0 ? (
            <Empty>No alert matches these filters.</Empty>
          ) : (
            <DataTable
              caption="Alerts"
              testId="alerts-table"
              rows={data.items}
              rowKey={(a) => String(a.id)}
              columns={ALERT_COLUMNS}
              sort={sort}
              onSort={(s) => go({ sort: s, offset: undefined })}
              onOpen={(a) => go({ id: a.id })}
            />
          )}
        </>
      )}
    </section>
  );
}

function GroupList({
  by,
  query,
  filters,
}: {
  by: 'signature' | 'src';
  query: Record<string, string>;
  filters: Record<string, string>;
}) {
  const api = useApi();
  const live = useLive();
  const nav = useNavigate();
  const offset = Number(query['offset'] ?? 0) || 0;
  const params = { ...filters, by, limit: LIMIT, offset };
  const { data, error, loading, reload } = useAsync<ListResult<AlertGroup>>(
    `${JSON.stringify(params)}/${live.alerts}`,
    (signal) => api.get<ListResult<AlertGroup>>('/api/v1/alerts/groups', params, signal),
  );
  // Opening a group shows its alerts: the group's key becomes a filter.
  const open = (g: AlertGroup) =>
    nav(
      'alerts',
      by === 'signature' ? { ...filters, sid: g.sid, gid: g.gid } : { ...filters, addr: g.src_addr ?? g.key },
    );
  return (
    <section className="card" aria-label="Alert groups" aria-busy={loading}>
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data === undefined && loading && <Loading what="groups" />}
      {data !== undefined && (
        <>
          <Pager
            total={data.total}
            limit={LIMIT}
            offset={offset}
            onChange={(o) => nav('alerts', { ...query, offset: o || undefined })}
          />
          {data.items.length === 0 ? (
            <Empty>No alert matches these filters.</Empty>
          ) : (
            <DataTable
              caption={by === 'signature' ? 'Alerts by signature' : 'Alerts by source'}
              testId="groups-table"
              rows={data.items}
              rowKey={(g) => g.key}
              onOpen={open}
              columns={[
                by === 'signature'
                  ? {
                      key: 'key',
                      header: 'Signature',
                      render: (g) => `${g.gid ?? 1}:${g.sid ?? ''} ${g.msg ?? ''}`,
                      className: 'wide',
                    }
                  : {
                      key: 'key',
                      header: 'Source address',
                      render: (g) => g.src_addr ?? g.key,
                      className: 'mono wide',
                    },
                { key: 'count', header: 'Alerts', render: (g) => g.count.toLocaleString(), className: 'num' },
                {
                  key: 'first',
                  header: 'First',
                  render: (g) => <Time ts={g.first_ts} />,
                  className: 'nowrap',
                },
                { key: 'last', header: 'Last', render: (g) => <Time ts={g.last_ts} />, className: 'nowrap' },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
