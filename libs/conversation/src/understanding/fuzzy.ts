/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions and adjacent transpositions each cost 1), capped:
 * any distance above `max` comes back as `max + 1`, which lets a row whose
 * minimum already exceeds `max` stop the work early.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.min(Math.max(la, lb), max + 1);
  let before = new Array<number>(lb + 1).fill(0);
  let previous = new Array<number>(lb + 1);
  let current = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) previous[j] = j;
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[lb], max + 1);
}

/** How many typos a word of this length may carry and still count: none up to 4 letters, 1 up to 7, then 2. */
export function typoAllowance(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/**
 * Index of the single candidate closest to `word` within the typo allowance
 * of the candidate's length, or -1 when none is close enough or two are
 * equally close (an ambiguous typo is no match). The first letter must agree
 * (or be swapped with the second): typos there are rare, and requiring it
 * keeps "think" from reading as "thank".
 */
export function closest(word: string, candidates: readonly string[]): number {
  let best = -1;
  let bestDistance = Infinity;
  let tie = false;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i];
    const allowance = typoAllowance(candidate.length);
    if (allowance === 0 || word.length < 4) continue;
    if (word[0] !== candidate[0] && !(word[0] === candidate[1] && word[1] === candidate[0])) continue;
    const distance = editDistance(word, candidate, allowance);
    if (distance > allowance) continue;
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidates[best] !== candidate) {
      tie = true;
    }
  }
  return tie ? -1 : best;
}
