import type { LocalDate } from '@frontdesk/contracts';
import { type DaySlots, type Slot, type SlotQuery, slotsByDay } from './slots';

/** How much one availability answer may hold. */
export interface SlotPageLimits {
  slots: number;
  /** Staff ids over all the answer's slots: with many staff they are most of its size. */
  staffIds: number;
}

/**
 * 1,000 slots (the contract's cap) and 20,000 staff ids in all (about 0.8 MB of ids): with
 * up to 20 staff per slot the slot cap is the one that binds.
 */
export const SLOT_PAGE_LIMITS: SlotPageLimits = { slots: 1000, staffIds: 20_000 };

/** One answer: whole local dates only; `nextFrom` is the date to ask from next, `null` when the range is done. */
export interface SlotPage<T extends { staffIds: readonly string[] } = Slot> {
  slots: T[];
  nextFrom: LocalDate | null;
}

/**
 * Gathers whole days of slots, in date order, into one answer of bounded size. The first
 * day with slots is taken whatever its size, so every answer moves the caller forward; a
 * single day holds at most one slot per wall-clock minute (1,440), each listing at most
 * every staff member, which bounds that answer too.
 */
export class SlotPageBuilder<T extends { staffIds: readonly string[] } = Slot> {
  private readonly slots: T[] = [];
  private staffIds = 0;
  private next: LocalDate | null = null;

  constructor(private readonly limits: SlotPageLimits = SLOT_PAGE_LIMITS) {}

  /** What the answer holds so far. */
  get size(): SlotPageLimits {
    return { slots: this.slots.length, staffIds: this.staffIds };
  }

  /** The share of the limits the answer uses so far, from 0 (empty) to 1 (either limit reached). */
  get filled(): number {
    return Math.max(this.slots.length / this.limits.slots, this.staffIds / this.limits.staffIds);
  }

  /** Whether a day did not fit: the answer is complete, and `nextFrom` names that day. */
  get full(): boolean {
    return this.next !== null;
  }

  /** Adds the next day's slots; `false` (and nothing added) when they do not fit. */
  add(day: { date: LocalDate; slots: readonly T[] }): boolean {
    if (this.next !== null) return false;
    let staffIds = 0;
    for (const slot of day.slots) staffIds += slot.staffIds.length;
    const fits =
      this.slots.length === 0 ||
      (this.slots.length + day.slots.length <= this.limits.slots && this.staffIds + staffIds <= this.limits.staffIds);
    if (!fits) {
      this.next = day.date;
      return false;
    }
    for (const slot of day.slots) this.slots.push(slot);
    this.staffIds += staffIds;
    return true;
  }

  page(): SlotPage<T> {
    return { slots: this.slots, nextFrom: this.next };
  }
}

/**
 * The query's slots an answer at a time, each local date computed once: every `next()`
 * carries on from the date the previous answer named in `nextFrom`.
 */
export class SlotPages {
  private readonly days: Iterator<DaySlots, void>;
  /** The date that did not fit the previous answer: computed already, first in the next. */
  private carried: DaySlots | undefined;
  private done = false;

  constructor(
    query: SlotQuery,
    private readonly limits: SlotPageLimits = SLOT_PAGE_LIMITS,
  ) {
    this.days = slotsByDay(query);
  }

  next(): SlotPage {
    const builder = new SlotPageBuilder(this.limits);
    if (this.carried) builder.add(this.carried);
    this.carried = undefined;
    while (!this.done) {
      const day = this.days.next();
      if (day.done) this.done = true;
      else if (!builder.add(day.value)) {
        this.carried = day.value;
        break;
      }
    }
    return builder.page();
  }
}

/**
 * The first answer's worth of the query's slots: whole days from `from`, computing no
 * further than the first day that does not fit.
 */
export function computeSlotPage(query: SlotQuery, limits: SlotPageLimits = SLOT_PAGE_LIMITS): SlotPage {
  return new SlotPages(query, limits).next();
}
