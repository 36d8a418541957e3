import { describe, expect, it } from 'vitest';
import type { RecordingSettingsView } from '../../../preload/api';
import { formProblems, recordingForm, settingsOf } from './recordingRows';

const settings: RecordingSettingsView = {
  folder: '/srv/footage',
  cameras: [{ cameraId: 'a', profile: 'main', days: 30 }, { cameraId: 'a', profile: 'sub', days: 7 }, { cameraId: 'gone', profile: 'main', days: 5 }],
  quotaGb: null,
  minFreeGb: 2,
};
const cameras = [{ id: 'a', name: '村口' }, { id: 'b', name: '学校' }];

describe('recording settings form', () => {
  it('shows each camera with its main and sub days, blank where a stream is not recorded', () => {
    const form = recordingForm(cameras, settings);
    expect(form.rows).toEqual([
      { cameraId: 'a', name: '村口', days: { main: '30', sub: '7' } },
      { cameraId: 'b', name: '学校', days: { main: '', sub: '' } },
      { cameraId: 'gone', name: 'gone', days: { main: '5', sub: '' } },
    ]);
    expect([form.quotaGb, form.minFreeGb]).toEqual(['', '2']);
  });

  it('saves exactly what the rows say: main and sub apart, the quota, the folder untouched', () => {
    const form = recordingForm(cameras, settings);
    form.rows[0]!.days.sub = '';
    form.rows[1]!.days.sub = ' 14 ';
    form.quotaGb = '500';
    expect(settingsOf(form)).toEqual({
      folder: '/srv/footage',
      cameras: [{ cameraId: 'a', profile: 'main', days: 30 }, { cameraId: 'b', profile: 'sub', days: 14 }, { cameraId: 'gone', profile: 'main', days: 5 }],
      quotaGb: 500,
      minFreeGb: 2,
    });
  });

  it('saves the folder as typed, trimmed, and blank as the console’s default', () => {
    const form = recordingForm(cameras, settings);
    expect(form.folder).toBe('/srv/footage');
    form.folder = '  /mnt/disk2/录像 ';
    expect(settingsOf(form)?.folder).toBe('/mnt/disk2/录像');
    form.folder = '   ';
    expect(settingsOf(form)?.folder).toBeNull();
  });

  it('names every wrong field and saves nothing while one is wrong', () => {
    const form = recordingForm(cameras, settings);
    form.rows[1]!.days.main = '1.5';
    form.rows[0]!.days.sub = '0';
    form.quotaGb = '0';
    form.minFreeGb = '';
    expect([...formProblems(form)].sort()).toEqual(['a:sub', 'b:main', 'minFree', 'quota']);
    expect(settingsOf(form)).toBeNull();
  });
});
