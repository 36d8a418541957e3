import { describe, expect, it } from 'vitest';
import { checkCameraUrl, redact, urlWithCredentials } from './cameraUrl.js';

describe('checkCameraUrl', () => {
  it('splits credentials typed into the URL off the stored URL', () => {
    const result = checkCameraUrl(' rtsp://admin:pa%40ss@192.0.2.10:554/Streaming/Channels/101 ');
    expect(result).toEqual({
      ok: true,
      kind: 'rtsp',
      url: 'rtsp://192.0.2.10:554/Streaming/Channels/101',
      credentials: { username: 'admin', password: 'pa@ss' },
    });
  });

  it('names what is wrong with a bad URL', () => {
    expect(checkCameraUrl('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkCameraUrl('http://192.0.2.1/video')).toEqual({ ok: false, reason: 'scheme' });
    expect(checkCameraUrl('rtsp://')).toMatchObject({ ok: false });
    expect(checkCameraUrl('demo:Not Valid')).toEqual({ ok: false, reason: 'demo_pattern' });
  });

  it('accepts demo sources of the built-in demo site', () => {
    expect(checkCameraUrl('demo:square-2')).toEqual({ ok: true, kind: 'demo', url: 'demo:square-2', credentials: {} });
  });
});

describe('urlWithCredentials', () => {
  it('percent-encodes credentials so ":" and "@" in a password survive', () => {
    const url = urlWithCredentials('rtsp://192.0.2.10/ch1', { username: 'admin', password: 'p:w@1' });
    expect(url).toBe('rtsp://admin:p%3Aw%401@192.0.2.10/ch1');
    expect(checkCameraUrl(url)).toMatchObject({ credentials: { username: 'admin', password: 'p:w@1' } });
  });

  it('leaves a URL without credentials alone', () => {
    expect(urlWithCredentials('rtsp://192.0.2.10/ch1', {})).toBe('rtsp://192.0.2.10/ch1');
  });
});

describe('redact', () => {
  it('removes userinfo from any URL in free text', () => {
    const line = "[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized rtsp://admin:Secret1@192.0.2.1/x";
    expect(redact(line)).toBe('[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized rtsp://***@192.0.2.1/x');
  });

  it('removes known secrets in plain and percent-encoded form', () => {
    expect(redact('tried p@ss and p%40ss', ['p@ss'])).toBe('tried *** and ***');
  });

  it('removes token-like query values, whatever the token is', () => {
    const line = 'HTTP 401 from ws://10.0.0.9:8080/live/cam1.live.flv?vhost=a&token=Zk9x%2B1&sign=1700000000-abc';
    expect(redact(line)).toBe('HTTP 401 from ws://10.0.0.9:8080/live/cam1.live.flv?vhost=a&token=***&sign=***');
    expect(redact('rtsp://relay/cam?SECRET=s1 and http://relay/x.flv?jwt=eyJ.a.b#t')).toBe('rtsp://relay/cam?SECRET=*** and http://relay/x.flv?jwt=***#t');
  });

  it('leaves ordinary query values alone', () => {
    expect(redact('http://relay:8080/live/cam1.flv?vhost=township&app=live')).toBe('http://relay:8080/live/cam1.flv?vhost=township&app=live');
  });
});
