import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics: one registry per gateway, so tests and two instances don't collide. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'strata_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'strata_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });
  readonly tokens = new Counter({
    name: 'strata_tokens_total',
    help: 'Tokens spent',
    labelNames: ['model', 'direction'],
    registers: [this.registry],
  });
  readonly cost = new Counter({
    name: 'strata_cost_usd_total',
    help: 'Cost in USD',
    labelNames: ['model'],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'strata_errors_total',
    help: 'Errors by code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly openStreams = new Gauge({
    name: 'strata_open_streams',
    help: 'Streaming responses in progress',
    registers: [this.registry],
  });

  spent(model: string, inputTokens: number, outputTokens: number, costUsd: number): void {
    this.tokens.inc({ model, direction: 'input' }, inputTokens);
    this.tokens.inc({ model, direction: 'output' }, outputTokens);
    this.cost.inc({ model }, costUsd);
  }
}
