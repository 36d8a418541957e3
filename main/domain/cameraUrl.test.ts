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

  it('treats a password in the query string like one in the userinfo: split off, the key left empty', () => {
    expect(checkCameraUrl('rtsp://192.0.2.10:554/live?channel=1&user=admin&password=Pa%26ss%3D1&stream=0')).toEqual({
      ok: true,
      kind: 'rtsp',
      url: 'rtsp://192.0.2.10:554/live?channel=1&user=admin&password=&stream=0',
      credentials: { password: 'Pa&ss=1' },
    });
    // XMeye-style cameras put the same keys in the path; any case of the key counts.
    expect(checkCameraUrl('rtsp://192.0.2.11/user=admin&PWD=x1&channel=1&stream=0.sdp?')).toMatchObject({
      url: 'rtsp://192.0.2.11/user=admin&PWD=&channel=1&stream=0.sdp?',
      credentials: { password: 'x1' },
    });
    expect(checkCameraUrl('rtsp://192.0.2.12/live?passwd=y2')).toMatchObject({ url: 'rtsp://192.0.2.12/live?passwd=', credentials: { password: 'y2' } });
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

  it('puts the password back into the query string when the camera takes it there', () => {
    const url = urlWithCredentials('rtsp://192.0.2.10/live?channel=1&password=&stream=0', { username: 'admin', password: 'p&w=1' });
    expect(url).toBe('rtsp://admin@192.0.2.10/live?channel=1&password=p%26w%3D1&stream=0');
    expect(checkCameraUrl(url)).toMatchObject({ credentials: { username: 'admin', password: 'p&w=1' } });
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

  it('removes a password in the query string under any of its usual keys', () => {
    expect(redact("from 'rtsp://192.0.2.10/live?user=admin&passwd=Abc1&ch=1'")).toBe("from 'rtsp://192.0.2.10/live?user=admin&passwd=***&ch=1'");
  });

  it('leaves ordinary query values alone', () => {
    expect(redact('http://relay:8080/live/cam1.flv?vhost=township&app=live')).toBe('http://relay:8080/live/cam1.flv?vhost=township&app=live');
  });
});
