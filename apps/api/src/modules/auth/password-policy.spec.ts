import { validate } from 'class-validator';
import { IsString, MinLength } from 'class-validator';
import { containsEmail, isCommonPassword, MIN_PASSWORD_LENGTH, NotCommonPassword, PasswordNotFromEmail } from './password-policy';

describe('password policy', () => {
  it.each([
    ['the whole email', 'fiona@fade.test', 'my-FIONA@fade.test-pw', true],
    ['the local part', 'fiona.fade@fade.test', 'Fiona.Fade1987!', true],
    ['the email itself', 'lucia@casa.test', 'lucia@casa.test', true],
    ['neither', 'fiona@fade.test', 'scissors-and-combs', false],
    ['a local part too short to count', 'al@fade.test', 'always-alert-42', false],
  ])('containsEmail: %s', (_name, email, password, expected) => {
    expect(containsEmail(password, email)).toBe(expected);
  });

  it.each([
    ['password', true],
    ['qwertyuiop', true],
    ['Password123', true],
    ['1qaz2wsx3edc', true],
    ['owner-password', false],
    ['scissors-and-combs', false],
  ])('isCommonPassword(%s) is %s', async (password, expected) => {
    expect(await isCommonPassword(password)).toBe(expected);
  });

  class Owner {
    @IsString() email!: string;
    @IsString() @MinLength(MIN_PASSWORD_LENGTH) @PasswordNotFromEmail('email') @NotCommonPassword() password!: string;
  }
  const problems = async (email: string, password: string) =>
    (await validate(Object.assign(new Owner(), { email, password }))).flatMap((e) => Object.values(e.constraints ?? {}));

  it('accepts a long, personal, uncommon password', async () => {
    expect(await problems('fiona@fade.test', 'scissors-and-combs')).toEqual([]);
  });

  it('names each rule a password breaks', async () => {
    expect(await problems('fiona@fade.test', 'short-pw')).toEqual([
      `password must be longer than or equal to ${MIN_PASSWORD_LENGTH} characters`,
    ]);
    expect(await problems('fiona@fade.test', 'fiona-at-the-salon')).toEqual([
      'password must not contain the email address or its part before the @',
    ]);
    expect(await problems('fiona@fade.test', 'iloveyou12')).toEqual([
      'password is one of the most commonly used passwords; choose another',
    ]);
  });
});
