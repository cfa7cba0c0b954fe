import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * OpenTelemetry tracing: a span per HTTP request (its route template as the name) and per SQL
 * statement, sent over OTLP/HTTP to `endpoint` (`/v1/traces`). Loaded by main.ts only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, and before the app's modules: the pg instrumentation
 * wraps `pg` as it is first required, and Fastify's as its instance is made.
 */
export function startTracing(endpoint: string): NodeSDK {
  const sdk = new NodeSDK({
    serviceName: 'frontdesk-api',
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    instrumentations: [new PgInstrumentation(), new FastifyOtelInstrumentation({ registerOnInitialization: true })],
  });
  sdk.start();
  return sdk;
}
