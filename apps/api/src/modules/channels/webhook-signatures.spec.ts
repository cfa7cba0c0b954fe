import { getExpectedTwilioSignature } from 'twilio';
import { metaSignature, metaSignatureValid, twilioSignatureValid } from './webhook-signatures';

describe('metaSignatureValid', () => {
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  const secret = 'app-secret';

  it('accepts the HMAC-SHA256 of the exact bytes', () => {
    expect(metaSignatureValid(body, metaSignature(body, secret), secret)).toBe(true);
    expect(metaSignatureValid(body, metaSignature(body, secret).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
  });

  it.each([
    ['a missing header', undefined],
    ['another secret', metaSignature(body, 'other-secret')],
    ['other bytes', metaSignature(Buffer.from(`${body.toString()} `), secret)],
    ['no sha256= prefix', metaSignature(body, secret).slice('sha256='.length)],
    ['a truncated digest', metaSignature(body, secret).slice(0, -2)],
    ['sha1', 'sha1=0123456789abcdef0123456789abcdef01234567'],
  ])('refuses %s', (_name, header) => {
    expect(metaSignatureValid(body, header, secret)).toBe(false);
  });

  it('refuses everything when no app secret is configured', () => {
    expect(metaSignatureValid(body, metaSignature(body, ''), undefined)).toBe(false);
    expect(metaSignatureValid(body, metaSignature(body, ''), '')).toBe(false);
  });
});

describe('twilioSignatureValid', () => {
  const url = 'https://frontdesk.example/webhooks/twilio/sms';
  const params = { MessageSid: 'SM1', From: '+12125550123', To: '+12125550000', Body: 'Hi' };
  const token = 'auth-token';

  it("accepts Twilio's signature of the URL and parameters", () => {
    expect(twilioSignatureValid(token, getExpectedTwilioSignature(token, url, params), url, params)).toBe(true);
  });

  it('refuses a changed parameter, another URL, another token, or no token at all', () => {
    const signature = getExpectedTwilioSignature(token, url, params);
    expect(twilioSignatureValid(token, signature, url, { ...params, Body: 'Hi!' })).toBe(false);
    expect(twilioSignatureValid(token, signature, 'https://elsewhere.example/webhooks/twilio/sms', params)).toBe(false);
    expect(twilioSignatureValid('other', signature, url, params)).toBe(false);
    expect(twilioSignatureValid(undefined, signature, url, params)).toBe(false);
    expect(twilioSignatureValid(token, undefined, url, params)).toBe(false);
  });
});
