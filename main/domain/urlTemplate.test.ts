import { describe, expect, it } from 'vitest';
import { checkTemplate, expandTemplate } from './urlTemplate.js';

const camera = { host: '10.8.0.2', cameraId: 'cam-7' };

describe('expandTemplate', () => {
  it.each([
    ['ZLMediaKit WS-FLV', 'relay-flv', 'ws://{host}:8080/live/{stream}.live.flv', 'ws://10.8.0.2:8080/live/cam-7.live.flv'],
    ['SRS HTTP-FLV', 'relay-flv', 'http://{host}:8080/live/{stream}.flv', 'http://10.8.0.2:8080/live/cam-7.flv'],
    ['an /flv/ path', 'relay-flv', 'https://{host}/flv/live/{cameraId}', 'https://10.8.0.2/flv/live/cam-7'],
    ['MediaMTX RTSP', 'relay-rtsp', 'rtsp://{host}:8554/{stream}', 'rtsp://10.8.0.2:8554/cam-7'],
    ['a sub stream', 'relay-rtsp', 'rtsps://{host}:8322/{stream}_{profile}', 'rtsps://10.8.0.2:8322/cam-7_sub'],
  ] as const)('builds a %s URL', (_name, kind, template, url) => {
    expect(expandTemplate(template, { kind, ...camera, profile: 'sub' })).toEqual({ ok: true, url });
  });

  it('uses the stream name on the relay when the camera has one, and accepts a host with a port', () => {
    expect(expandTemplate('rtsp://{host}/{stream}', { kind: 'relay-rtsp', host: 'relay.town.lan:8554', cameraId: 'cam-7', stream: '青山/村口' })).toEqual({
      ok: true,
      url: 'rtsp://relay.town.lan:8554/%E9%9D%92%E5%B1%B1%2F%E6%9D%91%E5%8F%A3',
    });
  });

  it('puts the token where the template says, percent-encoded', () => {
    const result = expandTemplate('http://{host}/live/{stream}.flv?sign={token}', { kind: 'relay-flv', ...camera, token: 'a b&c' });
    expect(result).toEqual({ ok: true, url: 'http://10.8.0.2/live/cam-7.flv?sign=a%20b%26c' });
  });

  it('adds a token the template does not place as token= in the query', () => {
    const result = expandTemplate('ws://{host}/live/{stream}.live.flv?vhost=town', { kind: 'relay-flv', ...camera, token: 'T0k' });
    expect(result).toEqual({ ok: true, url: 'ws://10.8.0.2/live/cam-7.live.flv?vhost=town&token=T0k' });
  });

  it('lets a template name a relay user whose password is the token', () => {
    const result = expandTemplate('rtsp://viewer:{token}@{host}:8554/{stream}', { kind: 'relay-rtsp', ...camera, token: 'p:w@1' });
    expect(result).toEqual({ ok: true, url: 'rtsp://viewer:p%3Aw%401@10.8.0.2:8554/cam-7' });
  });

  it.each([
    ['', {}, 'empty'],
    ['rtsp://{host}/{camera}', {}, 'placeholder'],
    ['http://{host}/live/{stream}.flv?sign={token}', {}, 'missing_value'],
    ['rtsp://{host}/{stream}', { host: 'bad host/x' }, 'host'],
    ['rtsp://{host}/{stream}', { host: '' }, 'host'],
    ['http://{host}/live/{stream}.flv', {}, 'scheme'],
    ['rtsp://admin:12345@{host}/{stream}', {}, 'credentials'],
    ['rtsp://[{host}/{stream}', {}, 'syntax'],
  ] as const)('refuses %j for relay-rtsp (%j) as %s', (template, values, problem) => {
    expect(expandTemplate(template, { kind: 'relay-rtsp', ...camera, ...values })).toMatchObject({ ok: false, problem });
  });

  it.each([
    ['rtsp://{host}/{stream}', 'scheme'],
    ['http://{host}/live/{stream}.m3u8', 'not_flv'],
    ['ws://{host}/live/{stream}', 'not_flv'],
  ] as const)('refuses %s for relay-flv as %s', (template, problem) => {
    expect(expandTemplate(template, { kind: 'relay-flv', ...camera })).toMatchObject({ ok: false, problem });
  });
});

describe('checkTemplate', () => {
  it('checks a template as typed in the site settings', () => {
    expect(checkTemplate('relay-flv', 'ws://{host}:8080/live/{stream}.live.flv?token={token}')).toEqual({ ok: true });
    expect(checkTemplate('relay-flv', 'ws://{host}:8080/live/{stream}')).toMatchObject({ ok: false, problem: 'not_flv' });
  });
});
