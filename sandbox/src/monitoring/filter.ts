import { invalidField } from './descriptors.js';

/** A `timeSeries.list` filter: one metric type and exact label matches, all of which must hold. */
export interface SeriesFilter {
  metricType: string;
  resourceType?: string;
  resourceLabels: Record<string, string>;
  metricLabels: Record<string, string>;
}

const TERM =
  /^\s*(metric\.type|resource\.type|(?:metric|resource)\.labels?\.[A-Za-z_][A-Za-z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*")\s*/;
const UNQUOTED = /^\s*([A-Za-z_.]+)\s*=\s*([^\s"]+)/;

/**
 * Parses a conjunction of `metric.type = "…"`, `resource.type = "…"`, `resource.labels.X = "…"` and
 * `metric.labels.X = "…"` (`label.` too, as the service accepts), joined by `AND` or by whitespace. Values must be
 * quoted. Anything else (OR, NOT, functions such as `starts_with`) is refused naming what is served.
 *
 *   'metric.type = "a/b" AND metric.labels.deployed_model_id = "7"' → { metricType: 'a/b', metricLabels: { deployed_model_id: '7' } }
 */
export function parseFilter(text: string): SeriesFilter {
  const out: SeriesFilter = { metricType: '', resourceLabels: {}, metricLabels: {} };
  let rest = text;
  let first = true;
  while (rest.trim() !== '') {
    if (!first) rest = rest.replace(/^\s*AND\s+/, ' ');
    const term = TERM.exec(rest);
    if (!term) throw invalidField('filter', explain(rest), text);
    const [, key, quoted] = term as unknown as [string, string, string];
    const value = JSON.parse(quoted) as string;
    if (key === 'metric.type') {
      if (out.metricType !== '' && out.metricType !== value)
        throw invalidField('filter', 'A filter names one metric type.', text);
      out.metricType = value;
    } else if (key === 'resource.type') out.resourceType = value;
    else {
      const [scope, , name] = key.split('.') as [string, string, string];
      (scope === 'metric' ? out.metricLabels : out.resourceLabels)[name] = value;
    }
    rest = rest.slice(term[0].length);
    first = false;
  }
  if (out.metricType === '')
    throw invalidField('filter', 'A filter must specify a metric type (metric.type = "…").', text);
  return out;
}

function explain(rest: string): string {
  const unquoted = UNQUOTED.exec(rest);
  if (unquoted) return `The value of ${unquoted[1]} must be a quoted string ("${unquoted[2]}").`;
  return `Cannot parse "${rest.trim().slice(0, 60)}"; the sandbox serves a conjunction (AND) of metric.type = "…", resource.type = "…", resource.labels.KEY = "…" and metric.labels.KEY = "…".`;
}

/** Whether a series' metric and resource match the filter. */
export function matches(
  filter: SeriesFilter,
  series: {
    metric: { type: string; labels: Record<string, string> };
    resource: { type: string; labels: Record<string, string> };
  },
): boolean {
  if (series.metric.type !== filter.metricType) return false;
  if (filter.resourceType !== undefined && series.resource.type !== filter.resourceType) return false;
  const all = (want: Record<string, string>, have: Record<string, string>) =>
    Object.entries(want).every(([k, v]) => have[k] === v);
  return all(filter.metricLabels, series.metric.labels) && all(filter.resourceLabels, series.resource.labels);
}
