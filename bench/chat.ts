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
 * Issue 14's figures (15 s, 50 customers, only this bench running). CPU ms/msg as above, the
 * server process alone in brackets; round trips: a message booking nothing; holding /
 * confirming / cancelling. From the second round on, each ran its base and its code
 * alternately on the same machine, so compare within a row; across rows the host's load
 * differed (the first round's was 8-13, the others' 0.8-3.5, the last row's the quietest).
 *
 *   round (date, base)             round trips                chat msg/s         chat CPU ms/msg
 *   first  (12-04 morning)         16; 29-30 → 7; 20-23       28 → 32            26.6 (13.3) → 19.8 (9.0)
 *   second (12-04 18:52, 2235289)  7; 18/20/18 → 4; 12/12/10  91-96 → 111-119    15.7-16.6 (7.3-7.5) → 12.6-13.5 (6.0-6.5)
 *   third  (12-04 20:54, 1260f48)  4; 12/12/10 → 4; 11/11/10  142-155 → 177-207  9.6-10.4 (5.0-5.2) → 6.8-7.9 (4.2-5.0)
 *   fourth (12-04 23:41, 2598dee)  4; 11/11/10 → 4; 10/10/9   213-245 → 256-344  5.6-6.5 (3.3-4.0) → 4.0-5.4 (2.2-3.0)
 *   again  (12-05 00:39, 2598dee)  (as the fourth)            252-275 → 294-361  5.2-5.3 (2.9-3.0) → 4.0-4.9 (2.1-2.5)
 *
 * Twilio SMS ran alongside at similar figures (latest: 297-309 → 306-328 msg/s, CPU 4.5-4.7 →
 * 4.2-4.5 ms). Nine more runs of d65868f in its hour: chat 248-391 msg/s and Twilio 281-371,
 * eight of nine over 300 each; CPU 3.70-5.21 ms a message, the server alone 1.73-2.75.
 *
 * What cut them, round by round: one statement opening a message's transaction
 * (`enter_conversation`) and the business of a slug or number remembered; every statement
 * prepared once per connection (parsing and planning had been a third of Postgres's CPU) and a
 * pool of twice the cores and one; local times from one shared clock per zone, nestjs-cls
 * replaced by a small AsyncLocalStorage wrapper, a token's signature checked once, a booking
 * command's savepoint not released, and the catalog read only when it changed
 * (`tenants.catalog_version`).
 *
 * Where a message's time goes now. The server (profile, chat phase): the pg driver 40% (socket
 * writes that wake Postgres on the same cores are 25%), Fastify 11%, the app shell 10%,
 * understanding 7%, TypeORM 6%, the state machine 4%, Nest, validation, GC and logging the
 * rest. Postgres (perf, 86% user time): executing ~6 statements a message; ~10% of it reads
 * each written table's CHECK constraints from their stored text (messages has nine).
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
