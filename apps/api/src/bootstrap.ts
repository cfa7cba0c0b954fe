import 'reflect-metadata';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import { ErrorFilter } from './common/errors/error.filter';
import { Lifecycle } from './common/lifecycle/lifecycle.service';
import { httpInputOptions, installHttpInputGuards } from './common/http-input';
import { Metrics } from './modules/metrics/metrics.service';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';

export const ADMIN_DIST_DIR = resolve(__dirname, '../../admin/dist');

/** The admin app's Vite dev server; it proxies /api, so CORS for it only matters in development. */
export const ADMIN_DEV_ORIGIN = 'http://localhost:5173';

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
};

/**
 * Swagger UI inlines its bootstrap script: only its own pages get `'unsafe-inline'` for scripts.
 * The admin app (which keeps its access token in localStorage) never does.
 */
const DOCS_CSP_DIRECTIVES = { ...CSP_DIRECTIVES, scriptSrc: ["'self'", "'unsafe-inline'"] };
const isDocsPage = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

/** Builds the whole HTTP application (API, webhooks, admin app) without listening; `clock`: the system's unless a test fixes it. */
export async function createApp(config: AppConfig, databaseUrl: string, clock?: Clock): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // The client IP (rate limits, login throttling) comes from X-Forwarded-For only when the direct
    // peer is one of these proxies; otherwise anyone could name any address and step around a limit.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    // Manage-link tokens travel in the path.
    routerOptions: { maxParamLength: 1000 },
    ...httpInputOptions,
  });
  installHttpInputGuards(adapter);
  // Every answer carries its request id, and the logs (pino-http reads `raw.id`) use the same one.
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, clock), adapter, {
    // Webhook signatures are computed over the exact bytes received.
    rawBody: true,
    bufferLogs: true,
    abortOnError: false,
    // A request still running when the drain deadline passed must not hold the exit up.
    forceCloseConnections: true,
  });
  trackInFlightRequests(adapter, app.get(Lifecycle));
  recordRequestMetrics(adapter, app.get(Metrics));
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableCors({
    origin: config.development ? [config.publicBaseUrl, ADMIN_DEV_ORIGIN] : [config.publicBaseUrl],
    credentials: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Routes are added after this hook (Swagger's below, Nest's at init), so every docs page gets it.
  fastify.addHook('onRoute', (route) => {
    if (isDocsPage(route.url)) {
      // @fastify/helmet reads `config.helmet` but declares no type for it on the route config.
      const docsHelmet = { helmet: { contentSecurityPolicy: { directives: DOCS_CSP_DIRECTIVES } } };
      route.config = { ...route.config, ...docsHelmet };
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: CSP_DIRECTIVES },
    // Over plain HTTP a browser ignores HSTS, and on localhost it would pin every other local app to HTTPS.
    strictTransportSecurity: config.publicBaseUrl.startsWith('https:')
      ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: true }
      : false,
  });

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Frontdesk API')
      .setDescription('The public v1 contract: see shared/spec/api-v1.md')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs-json' });

  await serveAdminApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/**
 * Counts the requests in flight for the drain, and once the process drains answers new ones
 * 503 (closing their connection, so a load balancer reconnects elsewhere); the probes still
 * answer, so readiness can say why.
 */
function trackInFlightRequests(adapter: FastifyAdapter, lifecycle: Lifecycle): void {
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    if (lifecycle.draining && !request.url.startsWith('/health')) {
      void reply
        .code(503)
        .header('connection', 'close')
        .send({ statusCode: 503, code: 'shutting_down', message: 'This server is shutting down; try again' });
      return;
    }
    lifecycle.requestStarted();
    reply.raw.once('close', () => lifecycle.requestEnded());
    done();
  });
}

/** Counts and times every answer by its route template (`/api/v1/bookings/:id`), never its URL. */
function recordRequestMetrics(adapter: FastifyAdapter, metrics: Metrics): void {
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

/** The admin single-page app at `/`; any non-API path falls back to its index.html. */
async function serveAdminApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(join(ADMIN_DIST_DIR, 'index.html'))) {
    fastify.log.warn(`Admin app not built (${ADMIN_DIST_DIR}); run npm run build:admin`);
    return;
  }
  await app.register(fastifyStatic, { root: ADMIN_DIST_DIR, prefix: '/', wildcard: false });
  fastify.get('/*', (request, reply) => {
    if (/^\/(api|webhooks|health)(\/|$)/.test(request.url)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
