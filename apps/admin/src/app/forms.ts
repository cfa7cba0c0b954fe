/**
 * A number typed into a form: sent as a number when it is one, else as typed, so the API's
 * validation names the field ("durationMinutes must be an integer number").
 */
export const typedNumber = (text: string): number =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : (text as unknown as number);
