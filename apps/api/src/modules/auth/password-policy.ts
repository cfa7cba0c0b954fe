import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** New passwords given to the API (not the configured super-admin's, not the demo seed's). */
export const MIN_PASSWORD_LENGTH = 10;
/** A shorter local part ("al@…") would forbid too many passwords merely for containing it. */
const MIN_LOCAL_PART_LENGTH = 3;

export const PASSWORD_POLICY =
  `at least ${MIN_PASSWORD_LENGTH} characters, not containing the email address or its part before the @, ` +
  'and not one of the commonly used passwords';

/** Whether the password is, or contains, the email address or its local part (case-insensitively). */
export function containsEmail(password: string, email: string): boolean {
  const pw = password.toLowerCase();
  const address = email.trim().toLowerCase();
  if (!address) return false;
  const local = address.split('@')[0];
  return pw.includes(address) || (local.length >= MIN_LOCAL_PART_LENGTH && pw.includes(local));
}

let commonPasswords: Promise<Set<string>> | undefined;

/**
 * Whether the password is on zxcvbn-ts' list of common passwords (about 49,000 from breach
 * corpora, lower case). The list costs ~90 ms to load, so it loads on first use, not at start.
 */
export async function isCommonPassword(password: string): Promise<boolean> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common']));
  return (await commonPasswords).has(password.toLowerCase());
}

/** On a password property: refuses one that contains the email in the sibling property `emailProperty`. */
export function PasswordNotFromEmail(emailProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'passwordNotFromEmail',
      target: target.constructor,
      propertyName,
      constraints: [emailProperty],
      options: { message: `${propertyName} must not contain the email address or its part before the @`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const email = (args.object as Record<string, unknown>)[emailProperty];
          return typeof value === 'string' && (typeof email !== 'string' || !containsEmail(value, email));
        },
      },
    });
}

/** On a password property: refuses a commonly used password. */
export function NotCommonPassword(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notCommonPassword',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} is one of the most commonly used passwords; choose another`, ...options },
      validator: {
        validate: async (value: unknown) => typeof value === 'string' && !(await isCommonPassword(value)),
      },
    });
}
