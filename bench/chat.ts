/**
 * Conversations per second through the conversation engine: 50 customers at once, each
 * running realistic multi-turn conversations (greeting, a booking in one message or over
 * several turns, "yes", "when is my appointment?", prices, cancelling it), with the built-in
 * understanding, first through POST /api/v1/public/:slug/chat, then through
 * POST /webhooks/twilio/sms signed as Twilio signs (X-Twilio-Signature over PUBLIC_BASE_URL +
 * path and the form parameters). Each customer sends its next message when the last one is
 * answered; every message is one HTTP request, so messages/s = requests/s.
 *
 * The server is a real process with an embedded Postgres (fsync on), as `npm start` runs it.
 * Target (issue 4): at least 300 messages/s and p95 under 50 ms on the 2-core machine.
 * "cpu ms/msg" is the CPU time the server process and its Postgres spent per message during
 * the phase (from /proc): on a machine shared with other work it is steadier than msg/s; "of
 * node" the server process's own share, "generator" this load generator's (it shares the cores).
 *
 * Run: node -r @swc-node/register bench/chat.ts [seconds=15] [customers=50]
 * BENCH_NODE_FLAGS="..." passes flags to the server's node (e.g. --max-semi-space-size=32).
 * Profile: BENCH_CPU_PROF=/tmp/prof node -r @swc-node/register bench/chat.ts, then the
 * command it prints (bench/cpu-profile-summary.ts over the measured phases' window).
 * Round trips per message: apps/api/src/modules/conversations/chat-round-trips.int-spec.ts
 * counts the statements a message sends on the real pool.
 *
 * The tables are analysed after the warm-up, as autovacuum keeps a live database's: without
 * statistics the planner cannot tell one customer's rows from the business's, and the first
 * rounds' figures paid for reading every upcoming booking of the business at each message.
 *
 * Issue 14, re-measured on the fourth round's code (d65868f) the next morning (2026-12-05
 * 00:39-00:43, only this bench running, load 1.3-2.1), alternately with the same base, three
 * times each; the host was quieter than the night before (the base gained 15-25% too):
 *
 *                            base (2598dee)                              this code
 *   chat    msg/s            252, 273, 275                               361, 294, 331
 *           CPU ms/msg       5.21 (3.02), 5.27 (3.02), 5.21 (2.92)       3.99 (2.06), 4.86 (2.54), 4.32 (2.24)
 *   Twilio  msg/s            297, 299, 309                               328, 306, 309
 *           CPU ms/msg       4.74 (2.43), 4.72 (2.39), 4.55 (2.29)       4.23 (1.95), 4.54 (2.11), 4.49 (2.08)
 *
 * Nine more runs of this code alone in the same hour: chat 248-391 msg/s (eight of nine over
 * 300), Twilio 281-371 (eight of nine), CPU 3.70-5.21 ms a message (node 1.73-2.75). Postgres
 * (perf, 5 s of the chat phase) is 86% user time; stringToNode is ~10% of it: each INSERT or
 * UPDATE reads its table's CHECK constraints from their stored text (messages has nine).
 *
 * Issue 14, fourth round (2026-12-04 23:41-23:47, only this bench running, load 2.4-2.9), 15 s,
 * 50 customers, the round's base (2598dee, in a worktree, with this bench) and this code run
 * alternately, four times each; CPU ms/msg as above (node alone in brackets):
 *
 *                            base (2598dee)                              this code
 *   round trips (booking nothing; holding / confirming / cancelling)
 *                            4; 11 / 11 / 10                             4; 10 / 10 / 9
 *   chat    msg/s            228, 214, 213, 245                          282, 344, 261, 256
 *           p50 / p95 ms     183/409, 197/456, 195/431, 175/373          148/342, 119/271, 167/372, 165/379
 *           CPU ms/msg       6.07 (3.69), 6.42 (3.81), 6.51 (3.98),      4.92 (2.75), 4.01 (2.17), 5.34 (3.01),
 *                            5.60 (3.31)                                 5.36 (2.96)
 *   Twilio  msg/s            228, 259, 226, 233                          302, 327, 316, 332
 *           p50 / p95 ms     178/420, 156/383, 180/431, 174/422          135/319, 129/291, 130/315, 122/296
 *           CPU ms/msg       5.92 (3.29), 5.24 (2.82), 6.02 (3.46),      4.47 (2.32), 4.07 (2.05), 4.25 (2.13),
 *                            5.82 (3.21)                                 4.10 (2.04)
 *
 * What cut them (CPU profiles of the server, perf of Postgres): local times from one shared
 * clock per zone instead of Luxon's offset look-up at each call (Luxon was 7% of the server's
 * profile, now under 2%); nestjs-cls gone for a small AsyncLocalStorage wrapper (its always-mounted
 * pass-through interceptor put every request through an rxjs pipeline); a token's signature
 * checked once; national phone numbers remembered once read; a booking command's savepoint no
 * longer released (one round trip); and the catalog built by Postgres and parsed by the server
 * only when it changed (`tenants.catalog_version`; 85 µs of Postgres a message for this bench's
 * one service and two staff members, more for a real catalog). The load generator spends
 * 0.3-0.6 ms a message of the same two cores.
 *
 * Left: about 2 ms of Postgres a message (executing ~6 statements; perf shows CHECK constraints
 * read from their stored text at every insert among the rest), and in the server the pg driver
 * with TypeORM per statement, class-validator with class-transformer (~130 µs a chat request,
 * which the SMS webhook does not pay), Fastify and Nest, understanding and the state machine,
 * GC. The CPU profile's socket writes (~30% of its samples) are mostly the server descheduled
 * in the write that wakes Postgres on its core: /proc shows 10-12% system time for the server.
 *
 * Issue 14, third round (2026-12-04 20:54-20:59, only this bench running, load 2.3-3.5), 15 s,
 * 50 customers, this bench (with the analysis) run on the round's base (1260f48, in a worktree)
 * and on this code, alternately, three times each; CPU ms/msg as above (node alone in brackets):
 *
 *                                      base (1260f48)                         this code
 *   round trips (booking nothing; holding / confirming / cancelling)
 *                                        4; 12 / 12 / 10                        4; 11 / 11 / 10
 *   chat    msg/s                        142, 146, 155                          177, 197, 207
 *           p50 / p95 ms                 300/657, 292/668, 278/609              242/553, 217/492, 207/490
 *           CPU ms/msg (node)            10.4 (5.2), 10.1 (5.2), 9.6 (5.0)      7.9 (5.0), 7.0 (4.4), 6.8 (4.2)
 *   Twilio  msg/s                        163, 168, 168                          202, 223, 257
 *           p50 / p95 ms                 263/561, 269/522, 260/553              205/456, 182/428, 164/381
 *           CPU ms/msg (node)            8.9 (4.1), 8.6 (4.0), 8.6 (4.0)        6.8 (4.0), 6.1 (3.4), 5.4 (3.0)
 *
 * What cut them: every statement with parameters is prepared once per pool connection (parsing
 * and planning had been a third of Postgres's CPU for a message: perf, 17% planning, 9% parsing,
 * ~8% copying parse trees; now 2% and 3%); a pool of twice the cores and one (5, was 10); the
 * confirm's tenant row, the hold's second customer write and one score update per booking gone;
 * the audit insert a constant statement; money formats made once and local times remembered.
 *
 * Targets still missed (3 ms CPU a message, 300 msg/s). What is left is spread thin: Postgres
 * spends its ~2.5-3 ms per message executing (the conversation read and the inbound message
 * ~0.4 ms alone, the rest the fixed cost of each of ~6 statements on two busy cores: wake-ups,
 * snapshots, commit); node's ~3-4.5 ms are, in fifths, the pg driver with TypeORM, Fastify with
 * Nest, understanding with the state machine, the app shell, and node's internals with GC (the
 * profile's socket writes, a quarter of its samples, are mostly Postgres taking the core it woke
 * on: the server's system time is 12% of its CPU).
 *
 * Issue 14, second round (2026-12-04 18:52-18:55, quiet machine: load average 0.8-2.9, only
 * this bench), 15 s, 50 customers, the base (2235289, checked out in a worktree) and this code,
 * run alternately twice each. CPU is the server process with its Postgres ("node": the server
 * process alone), per message, from /proc:
 *
 *                                      base (2235289)                this code
 *   round trips, a message booking nothing    7 (chat), 7 (SMS)            4, 4
 *   round trips, holding / confirming /
 *     cancelling a booking                   18 / 20 / 18                 12 / 12 / 10
 *   chat    msg/s                             91, 96                       111, 119
 *           p50 / p95 ms                      480 / 984, 480 / 859         371 / 851, 354 / 807
 *           CPU ms/msg (node)                 16.6 (7.5), 15.7 (7.3)       13.5 (6.5), 12.6 (6.0)
 *   Twilio  msg/s                             96, 108                      134, 132
 *           p50 / p95 ms                      464 / 905, 403 / 802         317 / 662, 310 / 702
 *           CPU ms/msg (node)                 15.6 (6.4), 13.8 (5.9)       11.2 (4.5), 11.3 (4.8)
 *
 * What cut them: a message's transaction opens with one statement (`enter_conversation`: the
 * tenant set, the customer's lock, the catalog and the conversation read, the inbound message
 * recorded), the business of a slug or a provider number is remembered and checked inside that
 * statement, and the bookings service stopped reading again what the step had read (catalog,
 * schedule, tenant row, the booking it locked) and sends independent writes together.
 *
 * Targets still missed (3 ms CPU a message, 300 msg/s). About half of a message's CPU is
 * Postgres's; the bench's conversations are booking-heavy (each holds, confirms and cancels a
 * booking over about 8 messages, so the average message sends about 7 statements), and each
 * statement is parsed and planned afresh: TypeORM's public API has no prepared statements and
 * sends BEGIN and COMMIT as round trips of their own.
 *
 * First round (2026-12-04 morning, loaded machine, load 8-13; 15 s, 50 customers):
 *   round trips 16 → 7 (booking nothing), 29-30 → 20-23 (holding, confirming, cancelling);
 *   chat 28 → 32 msg/s, CPU 26.6 (13.3) → 19.8 (9.0) ms; Twilio 21 → 30 msg/s, 31.9 (14.7) → 21.8 (9.1) ms.
 *   Where a message's time went then (bench/cpu-profile-summary.ts): pg driver 39%, TypeORM 8%,
 *   framework 18%, app shell 8%, understanding 6%, state machine 6%, slot search 0.3%, node/GC 15%.
 *
 * Earlier (2026-12-02, load 7-9, 15 s, 50 customers, before/after the first round-trip work):
 *   chat   before  34-42 msg/s  p50 1130-1476 ms  p95 1706-1996 ms  21-25 ms CPU/msg
 *          after   72-82 msg/s  p50  553-618 ms   p95 1015-1204 ms   9-12 ms CPU/msg
 *   Twilio before  39-50 msg/s  p50  910-1214 ms  p95 1381-1740 ms  18-25 ms CPU/msg
 *          after   78-87 msg/s  p50  520-546 ms   p95 1045-1180 ms   9-10 ms CPU/msg
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { getExpectedTwilioSignature } from 'twilio';
import { Agent, request } from 'undici';
import { ZONE } from '../test/booking-fixtures';
import { benchServer } from './bench-server';

const PUBLIC_BASE_URL = 'https://frontdesk.bench.example';
const TWILIO_AUTH_TOKEN = randomBytes(16).toString('hex');
const SMS_NUMBER = '+16462220100';
const NAMES = ['Priya Patel', 'Tom Baker', 'Lucía Gómez', 'Ana Silva', 'Sam Lee', 'Omar Haddad', 'Grace Kim', 'Leo Rossi'];

interface Reply {
  status: number;
  /** Chat only: the engine's state after the message. */
  state?: string;
  awaiting?: string | null;
}

/** One inbound message from one customer through one channel. */
type Send = (customer: Customer, text: string) => Promise<Reply>;

interface Customer {
  index: number;
  phone: string;
  name: string;
  /** Conversations this customer finished. */
  round: number;
}

/** One message of a conversation and, for the chat endpoint, the state the engine should then be in. */
interface Turn {
  text: string;
  expect?: string;
}

/**
 * The conversation a customer has in a round. Each customer books on days of its own and
 * cancels at the end, so customers never take each other's slots and the calendar stays
 * as it was however long the run.
 */
function conversation(customer: Customer): Turn[] {
  const day = DateTime.now()
    .setZone(ZONE)
    .plus({ days: 2 + customer.index * 7 + (customer.round % 7) });
  const date = day.toFormat('LLL d');
  const hour = 9 + (customer.round % 7);
  const time = hour < 12 ? `${hour}am` : hour === 12 ? 'noon' : `${hour - 12}pm`;
  const first = customer.round === 0;
  switch (customer.round % 3) {
    case 0:
      // Everything in one message (the name too, the first time), then a few questions.
      return [
        { text: 'hi there', expect: 'IDLE' },
        { text: `Can I get a haircut on ${date} at ${time}?${first ? ` this is ${customer.name}` : ''}`, expect: 'CONFIRMING' },
        { text: 'yes', expect: 'IDLE' },
        { text: 'when is my appointment?', expect: 'IDLE' },
        { text: 'cancel my appointment', expect: 'CANCEL_CONFIRM' },
        { text: 'yes', expect: 'IDLE' },
        { text: 'thanks!', expect: 'IDLE' },
      ];
    case 1:
      // Over several turns, choosing an offered time by its number.
      return [
        { text: 'hello', expect: 'IDLE' },
        { text: "I'd like to book an appointment", expect: 'COLLECTING' },
        { text: 'haircut', expect: 'COLLECTING' },
        { text: date, expect: 'COLLECTING' },
        { text: '2', expect: 'CONFIRMING' },
        { text: 'yes please', expect: 'IDLE' },
        { text: 'how much is a haircut?', expect: 'IDLE' },
        { text: 'I need to cancel my appointment', expect: 'CANCEL_CONFIRM' },
        { text: 'yes', expect: 'IDLE' },
      ];
    default:
      // Questions first, then a booking with a change of mind.
      return [
        { text: 'what are your hours?', expect: 'IDLE' },
        { text: 'what services do you have?', expect: 'IDLE' },
        { text: `haircut ${date} at 10am`, expect: 'CONFIRMING' },
        { text: `actually ${time === '10am' ? '11am' : time}`, expect: 'CONFIRMING' },
        { text: 'yes', expect: 'IDLE' },
        { text: 'when is my appointment?', expect: 'IDLE' },
        { text: 'cancel my appointment', expect: 'CANCEL_CONFIRM' },
        { text: 'yes', expect: 'IDLE' },
      ];
  }
}

interface PhaseResult {
  messages: number;
  conversations: number;
  /** Chat only: answers whose state was not the one the script expected. */
  offScript: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  latencies: number[];
  /** CPU seconds the server and its Postgres spent during the phase, and the server process's own share. */
  serverCpu?: { total: number; node: number };
  /** CPU seconds this load generator spent during the phase: it shares the cores with the server. */
  generatorCpu: number;
}

/** `customers` loops, each running conversations back to back until `seconds` have passed. */
async function phase(send: Send, customers: Customer[], seconds: number, serverPid?: number): Promise<PhaseResult> {
  const result: PhaseResult = {
    messages: 0,
    conversations: 0,
    offScript: 0,
    errors: 0,
    statuses: {},
    seconds: 0,
    latencies: [],
    generatorCpu: 0,
  };
  const cpuBefore = treeCpuSeconds(serverPid);
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const run = async (customer: Customer) => {
    while (performance.now() < deadline) {
      for (const turn of conversation(customer)) {
        const t0 = performance.now();
        try {
          const reply = await send(customer, turn.text);
          result.statuses[reply.status] = (result.statuses[reply.status] ?? 0) + 1;
          if (reply.state !== undefined && turn.expect && reply.state !== turn.expect) result.offScript++;
        } catch {
          result.errors++;
        }
        result.latencies.push(performance.now() - t0);
        result.messages++;
      }
      customer.round++;
      result.conversations++;
    }
  };
  await Promise.all(customers.map(run));
  result.seconds = (performance.now() - started) / 1000;
  const cpuAfter = treeCpuSeconds(serverPid);
  const generator = process.cpuUsage(generatorBefore);
  result.generatorCpu = (generator.user + generator.system) / 1e6;
  if (cpuBefore !== undefined && cpuAfter !== undefined)
    result.serverCpu = { total: cpuAfter.total - cpuBefore.total, node: cpuAfter.node - cpuBefore.node };
  result.latencies.sort((a, b) => a - b);
  return result;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function row(name: string, r: PhaseResult): string {
  const cells = [
    name.padEnd(28),
    (r.messages / r.seconds).toFixed(0).padStart(7),
    percentile(r.latencies, 50).toFixed(1).padStart(7),
    percentile(r.latencies, 95).toFixed(1).padStart(7),
    percentile(r.latencies, 99).toFixed(1).padStart(7),
    String(r.messages).padStart(8),
    String(r.conversations).padStart(6),
    String(r.offScript).padStart(9),
    (r.serverCpu === undefined ? '-' : ((r.serverCpu.total * 1000) / r.messages).toFixed(2)).padStart(11),
    (r.serverCpu === undefined ? '-' : ((r.serverCpu.node * 1000) / r.messages).toFixed(2)).padStart(8),
    ((r.generatorCpu * 1000) / r.messages).toFixed(2).padStart(9),
    ` ${JSON.stringify(r.statuses)}${r.errors ? ` ${r.errors} errors` : ''}`,
  ];
  return cells.join(' ');
}

/**
 * CPU seconds used so far by a process and its descendants (the server and its embedded
 * Postgres), and by the process itself, from /proc; undefined where there is none. On a shared
 * machine this is steadier than wall-clock throughput: it is the work a message costs, whoever
 * else wants the cores.
 */
function treeCpuSeconds(root: number | undefined): { total: number; node: number } | undefined {
  if (root === undefined) return undefined;
  try {
    const ticksPerSecond = 100; // USER_HZ, 100 on Linux
    const stats = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map((pid) => {
        try {
          // pid (comm) state ppid ... utime(14) stime(15): fields after the command name's closing paren.
          const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
          return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
        } catch {
          return undefined;
        }
      })
      .filter((x) => x !== undefined);
    const inTree = new Set([root]);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of stats) {
        if (inTree.has(p.pid) || !inTree.has(p.ppid)) continue;
        inTree.add(p.pid);
        grew = true;
      }
    }
    return {
      total: stats.filter((p) => inTree.has(p.pid)).reduce((sum, p) => sum + p.ticks, 0) / ticksPerSecond,
      node: (stats.find((p) => p.pid === root)?.ticks ?? 0) / ticksPerSecond,
    };
  } catch {
    return undefined;
  }
}

let nextPhone = 0;
const customers = (count: number, prefix: string): Customer[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    phone: `+1${prefix}${String(nextPhone++).padStart(7, '0')}`,
    name: NAMES[index % NAMES.length],
    round: 0,
  }));

async function analyse(url: string): Promise<void> {
  const owner = new Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query('analyze');
  } finally {
    await owner.end();
  }
}

async function main() {
  const seconds = Number(process.argv[2] ?? 15);
  const count = Number(process.argv[3] ?? 50);
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (see bench/cpu-profile-summary.ts).
  const profileDir = process.env.BENCH_CPU_PROF;
  const { server, api, tenant, ownerUrl } = await benchServer({ PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN }, [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
  ]);
  const agent = new Agent({ connections: count, pipelining: 1 });
  try {
    const channels = await api.request('PUT', '/api/v1/settings/channels', {
      token: tenant.ownerToken,
      body: { smsNumber: SMS_NUMBER, whatsappPhoneNumberId: null },
    });
    if (channels.status !== 200)
      throw new Error(`setting the SMS number failed: ${channels.status} ${JSON.stringify(channels.body)}`);

    const chatUrl = `${server.baseUrl}/api/v1/public/${tenant.tenant.slug}/chat`;
    const chat: Send = async (customer, text) => {
      const res = await request(chatUrl, {
        dispatcher: agent,
        method: 'POST',
        // Each simulated customer talks as their phone, as the admin app's playground does.
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.ownerToken}` },
        body: JSON.stringify({ from: customer.phone, text }),
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        return { status: res.statusCode };
      }
      const body = (await res.body.json()) as { state: string; awaiting: string | null };
      return { status: res.statusCode, state: body.state, awaiting: body.awaiting };
    };

    const smsPath = '/webhooks/twilio/sms';
    const sms: Send = async (customer, text) => {
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const params: Record<string, string> = {
        ToCountry: 'US',
        SmsMessageSid: sid,
        NumMedia: '0',
        SmsSid: sid,
        SmsStatus: 'received',
        Body: text,
        To: SMS_NUMBER,
        NumSegments: '1',
        MessageSid: sid,
        AccountSid: 'ACbench',
        From: customer.phone,
        ApiVersion: '2010-04-01',
      };
      const res = await request(`${server.baseUrl}${smsPath}`, {
        dispatcher: agent,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}${smsPath}`, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      await res.body.text();
      return { status: res.statusCode };
    };

    // Warm-up: JIT, connection pools, prepared statements; its customers are not measured.
    const warmChat = await phase(chat, customers(count, '917'), 3);
    const warmSms = await phase(sms, customers(count, '918'), 2);
    // A live database's tables have statistics (autovacuum analyses a table a minute after it
    // grows); this one's were created seconds ago. Without them the planner cannot tell a
    // customer's index from the business's, and reads every upcoming booking of the business.
    await analyse(ownerUrl);

    // The measured phases on the monotonic clock in µs, the clock of the profile's samples.
    const measuredFrom = process.hrtime.bigint() / 1000n;
    const chatResult = await phase(chat, customers(count, '212'), seconds, server.pid);
    const chatEnd = process.hrtime.bigint() / 1000n;
    const smsResult = await phase(sms, customers(count, '646'), seconds, server.pid);
    const measuredTo = process.hrtime.bigint() / 1000n;

    console.log(`chat benchmark: ${count} concurrent customers, ${seconds} s a channel, built-in understanding`);
    console.log(
      [
        'channel'.padEnd(28),
        'msg/s'.padStart(7),
        'p50 ms'.padStart(7),
        'p95 ms'.padStart(7),
        'p99 ms'.padStart(7),
        'messages'.padStart(8),
        'convs'.padStart(6),
        'offScript'.padStart(9),
        'cpu ms/msg'.padStart(11),
        'of node'.padStart(8),
        'generator'.padStart(9),
        ' statuses',
      ].join(' '),
    );
    console.log(row('POST /api/v1/public/:slug/chat', chatResult));
    console.log(row('POST /webhooks/twilio/sms', smsResult));

    // The SMS answers are TwiML, so the outcome is checked in the bookings: every finished
    // conversation booked once and cancelled that booking.
    const finished = [warmChat, warmSms, chatResult, smsResult].reduce((n, r) => n + r.conversations, 0);
    const cancelled = await api.request('GET', '/api/v1/bookings?status=cancelled&limit=1', { token: tenant.ownerToken });
    console.log(
      `finished conversations (all phases): ${finished}; bookings cancelled by their customer: ${String(cancelled.body?.total)}`,
    );
    if (profileDir) {
      console.log(
        `profile window (monotonic µs): chat ${measuredFrom} ${chatEnd}, Twilio ${chatEnd} ${measuredTo}; summarise with`,
      );
      console.log(
        `  node -r @swc-node/register bench/cpu-profile-summary.ts ${profileDir}/<file>.cpuprofile ${measuredFrom} ${chatEnd}`,
      );
    }
  } finally {
    await agent.close();
    await server.stop();
  }
}

void main();
