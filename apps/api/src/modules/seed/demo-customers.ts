/*
 * The demo's made-up customers and the seeded randomness the demo history is planned with
 * (demo-history.ts).
 */

const DAY_MS = 86_400_000;

/** Deterministic PRNG (mulberry32): the same seed gives the same history. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    weighted: <T>(items: readonly (readonly [T, number])[]) => {
      let r = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1][0];
    },
    uuid: () =>
      Array.from({ length: 32 }, (_, i) =>
        i === 12 ? '4' : i === 16 ? '89ab'[Math.floor(next() * 4)] : Math.floor(next() * 16).toString(16),
      )
        .join('')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  };
}
export type Rng = ReturnType<typeof prng>;

// No name contains "ana": the browser tests find their own customers by a search for "Ana".
const FIRST_NAMES = [
  'Liam',
  'Noah',
  'Oliver',
  'Elijah',
  'James',
  'William',
  'Benjamin',
  'Lucas',
  'Henry',
  'Theo',
  'Jack',
  'Levi',
  'Mateo',
  'Diego',
  'Carlos',
  'Luis',
  'Javier',
  'Miguel',
  'Andre',
  'Marcus',
  'Tyrone',
  'Darnell',
  'Kevin',
  'Jason',
  'Ethan',
  'Owen',
  'Caleb',
  'Isaac',
  'Samuel',
  'Ryan',
  'Nathan',
  'Aaron',
  'Sofia',
  'Emma',
  'Mia',
  'Olivia',
  'Grace',
  'Lucia',
  'Valeria',
  'Camila',
  'Priya',
  'Aisha',
  'Wei',
  'Hiro',
  'Omar',
  'Yusuf',
  'Tomas',
  'Felix',
] as const;
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Martinez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Thomas',
  'Moore',
  'Jackson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Ortiz',
  'Reyes',
  'Cruz',
  'Kim',
  'Chen',
  'Patel',
  'Okafor',
  'Novak',
] as const;

export interface Customer {
  id: string;
  name: string;
  phone: string;
  language: 'en' | 'es';
  channel: 'sms' | 'whatsapp';
  /** How often they book (relative), miss, and cancel late. */
  weight: number;
  missRate: number;
  lateCancelRate: number;
  createdAt: Date;
}

export function plannedCustomers(rng: Rng, count: number, from: Date): Customer[] {
  const names = new Set<string>();
  const customers: Customer[] = [];
  while (customers.length < count) {
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    if (names.has(name)) continue;
    names.add(name);
    const i = customers.length;
    // Most people come and go as booked; a few miss now and then; a handful miss often.
    const kind = rng.weighted([
      ['reliable', 78],
      ['occasional', 16],
      ['chronic', 6],
    ] as const);
    customers.push({
      id: rng.uuid(),
      name,
      // 555-0100..0199: the numbers set aside for fiction, in two New York area codes.
      phone: `+1${i < 100 ? '212' : '646'}5550${String(100 + (i % 100)).padStart(3, '0')}`,
      language: rng.chance(0.15) ? 'es' : 'en',
      channel: rng.chance(0.3) ? 'whatsapp' : 'sms',
      weight: 1 / (1 + (i % 40)) + 0.05,
      missRate: kind === 'reliable' ? 0.04 : kind === 'occasional' ? 0.25 : 0.6,
      lateCancelRate: kind === 'reliable' ? 0.03 : 0.1,
      // Before their first booking, which can be made up to 45 days ahead of it.
      createdAt: new Date(from.getTime() - rng.int(46, 90) * DAY_MS),
    });
  }
  return customers;
}

/** Hours between booking and appointment: mostly within the week, some weeks ahead. */
