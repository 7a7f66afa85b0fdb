import { type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { type Bedrock, type ChatEvent, type ChatRequest, StrataError, type Usage } from '@strata/bedrock';

/** The gateway's tracing: a real OTLP pipeline when an endpoint is configured, nothing otherwise. */
export interface GatewayTracing {
  /** The Bedrock client to use: wrapped so each model call is a GenAI span, or the same one when off. */
  wrap(bedrock: Bedrock): Bedrock;
  /** Flushes pending spans and stops the exporter. */
  shutdown(): Promise<void>;
}

const OFF: GatewayTracing = { wrap: (bedrock) => bedrock, shutdown: async () => undefined };

/** `…/v1/traces` under an OTLP/HTTP base endpoint (as `OTEL_EXPORTER_OTLP_ENDPOINT` gives it). */
export function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

export function createTracing(endpoint: string | undefined, version: string): GatewayTracing {
  if (!endpoint) return OFF;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: 'strata-gateway',
      [ATTR_SERVICE_VERSION]: version,
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint) }))],
  });
  const tracer = provider.getTracer('@strata/gateway', version);
  return { wrap: (bedrock) => tracedBedrock(bedrock, tracer), shutdown: () => provider.shutdown() };
}

function startChatSpan(tracer: Tracer, request: ChatRequest): Span {
  // GenAI semantic conventions; no prompt or reply content is recorded.
  return tracer.startSpan(`chat ${request.model}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': request.model,
      ...(request.maxTokens !== undefined ? { 'gen_ai.request.max_tokens': request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { 'gen_ai.request.temperature': request.temperature } : {}),
    },
  });
}

function recordUsage(span: Span, usage: Usage): void {
  span.setAttributes({
    'gen_ai.usage.input_tokens': usage.inputTokens,
    'gen_ai.usage.output_tokens': usage.outputTokens,
  });
}

function endWithError(span: Span, error: unknown): void {
  const type =
    error instanceof StrataError ? error.code : error instanceof Error ? error.name : 'unknown_error';
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : type });
  span.end();
}

/** Bedrock with `chat` and `stream` traced; every other call passes straight through. */
export function tracedBedrock(bedrock: Bedrock, tracer: Tracer): Bedrock {
  return {
    countTokens: (request) => bedrock.countTokens(request),
    resolveModel: (id) => bedrock.resolveModel(id),
    listModels: () => bedrock.listModels(),
    health: (options) => bedrock.health(options),
    describeAuth: () => bedrock.describeAuth(),
    async chat(request) {
      const span = startChatSpan(tracer, request);
      try {
        const result = await bedrock.chat(request);
        span.setAttributes({
          'gen_ai.response.model': result.model,
          'gen_ai.response.finish_reasons': [result.stopReason],
          ...(result.requestId ? { 'gen_ai.response.id': result.requestId } : {}),
        });
        recordUsage(span, result.usage);
        span.end();
        return result;
      } catch (error) {
        endWithError(span, error);
        throw error;
      }
    },
    stream(request) {
      return (async function* traced(): AsyncGenerator<ChatEvent, void, undefined> {
        const span = startChatSpan(tracer, request);
        let failed = false;
        try {
          for await (const event of bedrock.stream(request)) {
            if (event.type === 'message-start') {
              span.setAttribute('gen_ai.response.model', event.model);
              if (event.requestId) span.setAttribute('gen_ai.response.id', event.requestId);
            } else if (event.type === 'message-stop') {
              span.setAttribute('gen_ai.response.finish_reasons', [event.stopReason]);
            } else if (event.type === 'usage') {
              recordUsage(span, event.usage);
            } else if (event.type === 'error' && !failed) {
              failed = true;
              endWithError(span, event.error);
            }
            yield event;
          }
        } catch (error) {
          if (!failed) {
            failed = true;
            endWithError(span, error);
          }
          throw error;
        } finally {
          // Also reached when the consumer stops early (an abort): the span still ends.
          if (!failed) span.end();
        }
      })();
    },
  };
}
