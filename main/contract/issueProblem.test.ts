import { describe, expect, it } from 'vitest';
import zhCN from '../../renderer/i18n/zh-CN.json';
import { PROBLEMS, SETTINGS_PROBLEMS } from '../../renderer/ui/problems';
import { describeIssues, SCHEMA_PROBLEMS } from './issueProblem.js';
import { requestSchema } from './requests.js';

/** What the router would answer for this payload. */
function refusal(channel: Parameters<typeof requestSchema>[0], payload: unknown): string {
  const parsed = requestSchema(channel).safeParse(payload);
  if (parsed.success) throw new Error('the payload was accepted');
  return describeIssues(parsed.error.issues).message;
}

const camera = { name: '村口', mainUrl: 'rtsp://192.0.2.1/live' };

describe('a refused payload names its field and a problem the page has words for', () => {
  it.each([
    ['an empty name', 'cameras.add', { ...camera, name: '  ' }, 'name:empty'],
    ['no main address', 'cameras.add', { ...camera, mainUrl: '' }, 'mainUrl:empty'],
    ['a main address past 2048 characters', 'cameras.add', { ...camera, mainUrl: `rtsp://192.0.2.1/${'x'.repeat(2100)}` }, 'mainUrl:too_long'],
    ['seventeen tags', 'cameras.add', { ...camera, tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'tags:too_many'],
    ['a longitude of 500', 'cameras.add', { ...camera, location: { lng: 500, lat: 28 } }, 'location.lng:out_of_range'],
    ['an empty relay template', 'sites.setRelay', { siteId: 's1', relay: { kind: 'relay-flv', template: '', host: '' } }, 'relay.template:empty'],
    ['a relay kind that does not exist', 'sites.setRelay', { siteId: 's1', relay: { kind: 'rtmp', template: 'x', host: '' } }, 'relay.kind:invalid'],
  ] as const)('%s → %s', (_, channel, payload, expected) => {
    expect(refusal(channel, payload)).toBe(expected);
  });

  it('has a catalogue sentence for every problem a schema can report', () => {
    const worded = new Set<string>([...PROBLEMS, ...SETTINGS_PROBLEMS]);
    for (const problem of SCHEMA_PROBLEMS) {
      expect(worded.has(problem), problem).toBe(true);
      expect(problem in zhCN.problem || problem in zhCN.settings.problem, problem).toBe(true);
    }
  });
});
