import type { PushResponse } from '@shared/hub/protocol';

/**
 * Counters of this instance in the Prometheus text format (`GET /metrics`). Each instance counts
 * its own; a scraper adds them up.
 */
export class HubMetrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, { count: number; sum: number }>();
  private readonly mutations = new Map<string, number>();
  private readonly pulled = new Map<string, number>();
  private readonly started = Date.now();

  countRequest(route: string, status: number, seconds: number): void {
    increment(this.requests, `route="${route}",status="${status}"`);
    const duration = this.durations.get(route) ?? { count: 0, sum: 0 };
    duration.count += 1;
    duration.sum += seconds;
    this.durations.set(route, duration);
  }

  countMutations(results: PushResponse['results']): void {
    for (const result of results) increment(this.mutations, `outcome="${result.outcome}"`);
  }

  countPulled(stream: string, changes: number): void {
    increment(this.pulled, `stream="${stream}"`, changes);
  }

  render(gauges: Record<string, number>): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, values: Map<string, number>): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of values) lines.push(`${name}{${labels}} ${value}`);
    };
    counter('hub_http_requests_total', 'HTTP requests by route and status.', this.requests);
    lines.push(
      '# HELP hub_http_request_duration_seconds Time to answer, by route.',
      '# TYPE hub_http_request_duration_seconds summary',
    );
    for (const [route, { count, sum }] of this.durations)
      lines.push(
        `hub_http_request_duration_seconds_sum{route="${route}"} ${sum.toFixed(6)}`,
        `hub_http_request_duration_seconds_count{route="${route}"} ${count}`,
      );
    counter('hub_mutations_total', 'Pushed mutations by outcome.', this.mutations);
    counter('hub_pulled_changes_total', 'Changes handed out, by stream.', this.pulled);
    for (const [name, value] of Object.entries(gauges))
      lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    lines.push(
      '# TYPE hub_uptime_seconds gauge',
      `hub_uptime_seconds ${Math.round((Date.now() - this.started) / 1000)}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
