import { ApiError } from './api-client';

export interface SplitErrors {
  /** Messages by the form field they name. */
  fields: Record<string, string[]>;
  /** Messages that name no field of the form. */
  form: string[];
}

/**
 * The field path a validation message starts with: "hours.tue[1]: overlaps 09:00–12:00" →
 * "hours.tue[1]", "durationMinutes must not be less than 1" → "durationMinutes".
 */
export function messagePath(message: string): string | null {
  const match = /^([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[\d+\])*)(?=[\s:]|$)/.exec(message);
  return match ? match[1] : null;
}

/** Whether a message path falls under a field path ("weekly.tue[1]" under "weekly.tue" and "weekly"). */
export function pathWithin(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

/**
 * Sorts an error's messages onto the form's fields (the most specific field wins);
 * anything else, including non-validation errors, goes to the form. `codeFields` puts
 * errors with other codes on a field too (`{ slug_taken: 'slug' }`).
 */
export function splitErrors(
  error: unknown,
  fields: readonly string[],
  codeFields: Partial<Record<string, string>> = {},
): SplitErrors {
  const result: SplitErrors = { fields: {}, form: [] };
  if (!error) return result;
  if (!(error instanceof ApiError)) {
    result.form.push(error instanceof Error ? error.message : 'Something went wrong');
    return result;
  }
  const codeField = codeFields[error.code];
  if (codeField) {
    result.fields[codeField] = [...error.messages];
    return result;
  }
  const bySpecificity = [...fields].sort((a, b) => b.length - a.length);
  for (const message of error.messages) {
    const path = error.code === 'validation_failed' ? messagePath(message) : null;
    const field = path ? bySpecificity.find((f) => pathWithin(path, f)) : undefined;
    if (field) (result.fields[field] ??= []).push(message);
    else result.form.push(message);
  }
  return result;
}

/** Messages for fields at or under a path, e.g. every problem of "weekly.tue". */
export function messagesUnder(errors: Record<string, string[]>, field: string): string[] {
  return Object.entries(errors)
    .filter(([path]) => pathWithin(path, field))
    .flatMap(([, messages]) => messages);
}
