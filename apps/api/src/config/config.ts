import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.url().optional());
const bool = z.preprocess(
  emptyAsUndefined,
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
);
const int = (min: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).optional());

/** The names of address ranges Fastify's `trustProxy` (proxy-addr) understands besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8` or a range name. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const proxyList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
      : value,
  z
    .array(
      z.string().refine(isProxyAddress, {
        error: (issue) =>
          `"${String(issue.input)}" is not an IP address or CIDR range (nor loopback, linklocal, uniquelocal); separate entries with commas`,
      }),
    )
    .optional(),
);

/** Every environment variable Frontdesk reads. Nothing else reads process.env. */
const envSchema = z.object({
  NODE_ENV: optionalString,
  PORT: int(0),
  DATABASE_URL: optionalUrl,
  DB_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(100).optional()),
  DATA_DIR: optionalString,
  SUPERADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email().optional()),
  SUPERADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  PUBLIC_BASE_URL: optionalUrl,
  DEMO_SEED: bool,
  DEMO_HISTORY: bool,
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE_URL: optionalUrl,
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_API_BASE_URL: optionalUrl,
  PUBLIC_RATE_LIMIT_PER_MINUTE: int(0),
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  LINK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters')
      .optional(),
  ),
  APP_DATABASE_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(16).optional()),
  ACCESS_TOKEN_TTL_MINUTES: int(1),
  BOOKING_HOLD_MINUTES: int(1),
  CONVERSATION_IDLE_MINUTES: int(1),
  LLM_TIMEOUT_MS: int(100),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  PASSWORD_HASH_MEMORY_KIB: int(8),
  PASSWORD_HASH_TIME_COST: int(1),
  PASSWORD_HASH_PARALLELISM: int(1),
  TRUSTED_PROXIES: proxyList,
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_BASE_URL: optionalUrl,
  PLATFORM_FEE_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(100).optional()),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_OAUTH_BASE_URL: optionalUrl,
  GOOGLE_API_BASE_URL: optionalUrl,
  METRICS_TOKEN: optionalString,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  USER_CHECK_CACHE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(60).optional()),
});

/** A value that must never be logged or printed. */
export class Secret {
  constructor(private readonly value: string) {}
  reveal(): string {
    return this.value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
}

export interface AppConfig {
  /** `NODE_ENV=development`: the only thing it loosens is CORS for the admin dev server. */
  development: boolean;
  port: number;
  /** Unset: an embedded Postgres is started with its data in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * Connections the app's pool keeps to Postgres. By default twice the machine's cores and one:
   * statements beyond what the cores run at once only take turns, at the cost of switching.
   */
  databasePoolSize: number;
  dataDir: string;
  superAdmin: { email: string | undefined; password: Secret | undefined };
  publicBaseUrl: string;
  demoSeed: boolean;
  /** The demo tenant comes with months of made-up history (analytics, Insights). */
  demoHistory: boolean;
  twilio: { accountSid: string | undefined; authToken: Secret | undefined; apiBaseUrl: string | undefined };
  whatsapp: {
    accessToken: Secret | undefined;
    appSecret: Secret | undefined;
    verifyToken: Secret | undefined;
    apiBaseUrl: string;
  };
  publicRateLimitPerMinute: number;
  llm: { baseUrl: string | undefined; apiKey: Secret | undefined; model: string | undefined; timeoutMs: number };
  secrets: {
    jwt: Secret;
    linkSigning: Secret;
    encryptionKey: Secret;
    /** The password of the app's own database role (`frontdesk_app`), set on it at start. */
    appDatabasePassword: Secret;
  };
  accessTokenTtlMinutes: number;
  /** How long a held slot stays reserved while the customer confirms or pays. */
  bookingHoldMinutes: number;
  /** A conversation untouched this long starts over. */
  conversationIdleMinutes: number;
  logLevel: string;
  /** Argon2id cost of new password hashes; existing hashes verify with the cost stored in them. */
  passwordHashCost: PasswordHashCost;
  /**
   * Peers whose `X-Forwarded-For` names the client (addresses, CIDR ranges or proxy-addr's range
   * names). Empty: the client is the direct peer, whatever the header says.
   */
  trustedProxies: string[];
  /**
   * How long the access guard trusts what it last read of a user (exists, role, tenant, the
   * tenant's status); 0 reads it on every request.
   */
  userCheckCacheSeconds: number;
  /** Set: `/metrics` needs `Authorization: Bearer <token>`. */
  metricsToken: Secret | undefined;
  /** Set: traces go to this OTLP/HTTP collector (OpenTelemetry's own variable); unset: no tracing code loads. */
  otelExporterEndpoint: string | undefined;
  /** The platform's Stripe account; no secret key: payments unavailable, no deposit is ever asked. */
  stripe: {
    secretKey: Secret | undefined;
    webhookSecret: Secret | undefined;
    /** Where stripe-node sends requests (a local wire-compatible server in tests). */
    apiBaseUrl: URL;
    /** The platform's cut of each deposit on a connected account, in percent (0: no fee sent). */
    platformFeePercent: number;
  };
  /** The platform's Google OAuth client; null (no client id): Google Calendar sync unavailable. */
  google: GoogleConfig | null;
}

/** Where the Google client libraries send requests (a local wire-compatible server in tests). */
export interface GoogleConfig {
  clientId: string;
  clientSecret: Secret;
  /** The consent page is `{this}/o/oauth2/v2/auth`. */
  consentBaseUrl: string;
  /** Token and revoke endpoints are `{this}/token`, `{this}/revoke`. */
  oauthBaseUrl: string;
  /** The Calendar API's root (`{this}/calendar/v3/…`). */
  apiBaseUrl: string;
}

/** Argon2id cost parameters for new password hashes. */
export interface PasswordHashCost {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over the memory. */
  timeCost: number;
  /** Lanes (threads). */
  parallelism: number;
}

/** argon2's own defaults (64 MiB, 3 passes, 4 lanes). */
const DEFAULT_PASSWORD_HASH_COST: PasswordHashCost = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

export class ConfigError extends Error {}

const secret = (value: string | undefined) => (value === undefined ? undefined : new Secret(value));

/**
 * Parses and validates the environment. Secrets that are not given are generated once
 * into `DATA_DIR/secrets.json` and reused on later starts.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const passwordHashCost: PasswordHashCost = {
    memoryCost: e.PASSWORD_HASH_MEMORY_KIB ?? DEFAULT_PASSWORD_HASH_COST.memoryCost,
    timeCost: e.PASSWORD_HASH_TIME_COST ?? DEFAULT_PASSWORD_HASH_COST.timeCost,
    parallelism: e.PASSWORD_HASH_PARALLELISM ?? DEFAULT_PASSWORD_HASH_COST.parallelism,
  };
  // Argon2 needs at least 8 KiB per lane.
  if (passwordHashCost.memoryCost < 8 * passwordHashCost.parallelism) {
    throw new ConfigError(
      `Invalid configuration:\n  PASSWORD_HASH_MEMORY_KIB: must be at least 8 × PASSWORD_HASH_PARALLELISM (${8 * passwordHashCost.parallelism})`,
    );
  }
  const port = e.PORT ?? 3000;
  const dataDir = resolve(e.DATA_DIR ?? './.data');
  const generated = loadOrCreateDevSecrets(dataDir, {
    JWT_SECRET: e.JWT_SECRET,
    LINK_SIGNING_SECRET: e.LINK_SIGNING_SECRET,
    ENCRYPTION_KEY: e.ENCRYPTION_KEY,
    APP_DATABASE_PASSWORD: e.APP_DATABASE_PASSWORD,
  });
  return {
    development: e.NODE_ENV === 'development',
    port,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DB_POOL_SIZE ?? 2 * availableParallelism() + 1,
    dataDir,
    superAdmin: { email: e.SUPERADMIN_EMAIL, password: secret(e.SUPERADMIN_PASSWORD) },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    demoSeed: e.DEMO_SEED ?? e.DATABASE_URL === undefined,
    demoHistory: e.DEMO_HISTORY ?? true,
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: secret(e.TWILIO_AUTH_TOKEN),
      apiBaseUrl: e.TWILIO_API_BASE_URL,
    },
    whatsapp: {
      accessToken: secret(e.WHATSAPP_ACCESS_TOKEN),
      appSecret: secret(e.WHATSAPP_APP_SECRET),
      verifyToken: secret(e.WHATSAPP_VERIFY_TOKEN),
      apiBaseUrl: (e.WHATSAPP_API_BASE_URL ?? 'https://graph.facebook.com/v21.0').replace(/\/+$/, ''),
    },
    publicRateLimitPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE ?? 300,
    llm: { baseUrl: e.LLM_BASE_URL, apiKey: secret(e.LLM_API_KEY), model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS ?? 2500 },
    secrets: {
      jwt: new Secret(generated.JWT_SECRET),
      linkSigning: new Secret(generated.LINK_SIGNING_SECRET),
      encryptionKey: new Secret(generated.ENCRYPTION_KEY),
      appDatabasePassword: new Secret(generated.APP_DATABASE_PASSWORD),
    },
    accessTokenTtlMinutes: e.ACCESS_TOKEN_TTL_MINUTES ?? 12 * 60,
    bookingHoldMinutes: e.BOOKING_HOLD_MINUTES ?? 10,
    conversationIdleMinutes: e.CONVERSATION_IDLE_MINUTES ?? 60,
    logLevel: e.LOG_LEVEL ?? 'info',
    passwordHashCost,
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    userCheckCacheSeconds: e.USER_CHECK_CACHE_SECONDS ?? 30,
    metricsToken: secret(e.METRICS_TOKEN),
    otelExporterEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    stripe: {
      secretKey: secret(e.STRIPE_SECRET_KEY),
      webhookSecret: secret(e.STRIPE_WEBHOOK_SECRET),
      apiBaseUrl: new URL(e.STRIPE_API_BASE_URL ?? 'https://api.stripe.com'),
      platformFeePercent: e.PLATFORM_FEE_PERCENT ?? 0,
    },
    google: googleConfig(e),
  };
}

const trimSlashes = (url: string) => url.replace(/\/+$/, '');

function googleConfig(e: z.infer<typeof envSchema>): GoogleConfig | null {
  if (!e.GOOGLE_CLIENT_ID) return null;
  if (!e.GOOGLE_CLIENT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  GOOGLE_CLIENT_SECRET: required when GOOGLE_CLIENT_ID is set');
  }
  const oauthOverride = e.GOOGLE_OAUTH_BASE_URL && trimSlashes(e.GOOGLE_OAUTH_BASE_URL);
  return {
    clientId: e.GOOGLE_CLIENT_ID,
    clientSecret: new Secret(e.GOOGLE_CLIENT_SECRET),
    consentBaseUrl: oauthOverride ?? 'https://accounts.google.com',
    oauthBaseUrl: oauthOverride ?? 'https://oauth2.googleapis.com',
    apiBaseUrl: trimSlashes(e.GOOGLE_API_BASE_URL ?? 'https://www.googleapis.com'),
  };
}

type DevSecrets = { JWT_SECRET: string; LINK_SIGNING_SECRET: string; ENCRYPTION_KEY: string; APP_DATABASE_PASSWORD: string };

function loadOrCreateDevSecrets(dataDir: string, given: Partial<Record<keyof DevSecrets, string>>): DevSecrets {
  if (given.JWT_SECRET && given.LINK_SIGNING_SECRET && given.ENCRYPTION_KEY && given.APP_DATABASE_PASSWORD) {
    return given as DevSecrets;
  }
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<DevSecrets> = {};
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
  }
  const complete: DevSecrets = {
    JWT_SECRET: stored.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    LINK_SIGNING_SECRET: stored.LINK_SIGNING_SECRET ?? randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: stored.ENCRYPTION_KEY ?? randomBytes(32).toString('hex'),
    APP_DATABASE_PASSWORD: stored.APP_DATABASE_PASSWORD ?? randomBytes(24).toString('base64url'),
  };
  if (JSON.stringify(stored) !== JSON.stringify(complete)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(complete, null, 2), { mode: 0o600 });
  }
  return {
    JWT_SECRET: given.JWT_SECRET ?? complete.JWT_SECRET,
    LINK_SIGNING_SECRET: given.LINK_SIGNING_SECRET ?? complete.LINK_SIGNING_SECRET,
    ENCRYPTION_KEY: given.ENCRYPTION_KEY ?? complete.ENCRYPTION_KEY,
    APP_DATABASE_PASSWORD: given.APP_DATABASE_PASSWORD ?? complete.APP_DATABASE_PASSWORD,
  };
}
