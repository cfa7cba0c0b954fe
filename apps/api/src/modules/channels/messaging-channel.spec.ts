import { networkFailure } from './messaging-channel';

describe('networkFailure', () => {
  const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('retries %s: the request never left', (code) => {
    expect(networkFailure(withCode(code), 'Twilio').outcome).toBe('retry');
    // fetch wraps the socket error as its cause.
    expect(networkFailure(new TypeError('fetch failed', { cause: withCode(code) }), 'WhatsApp').outcome).toBe('retry');
  });

  it.each([
    ['a reset connection', withCode('ECONNRESET')],
    ['a timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError', code: 23 })],
    ['an axios timeout', withCode('ECONNABORTED')],
    ['anything else', new Error('socket hang up')],
  ])('does not retry %s: the message may have been sent', (_name, error) => {
    const failure = networkFailure(error, 'Twilio');
    expect(failure.outcome).toBe('unknown');
    expect(failure.message).toMatch(/may have been sent/);
  });
});
