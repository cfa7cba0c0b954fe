/** A half-open instant range `[start, end)`. */
export interface InstantRange {
  start: Date;
  end: Date;
}

/**
 * `ranges` with every part covered by one of `removed` cut out: what stays busy in a staff
 * member's calendar once the events Frontdesk wrote there are left out. Ordered by start;
 * empty pieces are dropped.
 */
export function subtractRanges(ranges: readonly InstantRange[], removed: readonly InstantRange[]): InstantRange[] {
  const cuts = [...removed].filter((r) => r.start < r.end).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: InstantRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    let start = range.start.getTime();
    const end = range.end.getTime();
    for (const cut of cuts) {
      if (start >= end) break;
      const cutStart = cut.start.getTime();
      const cutEnd = cut.end.getTime();
      if (cutEnd <= start || cutStart >= end) continue;
      if (cutStart > start) out.push({ start: new Date(start), end: new Date(cutStart) });
      start = Math.max(start, cutEnd);
    }
    if (start < end) out.push({ start: new Date(start), end: new Date(end) });
  }
  return out;
}
