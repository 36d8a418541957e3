import { describe, expect, it } from 'vitest';
import { auditQuery, EMPTY_FORM } from './auditFilter';

describe('audit filters', () => {
  it('asks for everything when nothing is chosen', () => {
    expect(auditQuery(EMPTY_FORM)).toEqual({});
    expect(auditQuery(EMPTY_FORM, 500)).toEqual({ limit: 500 });
  });

  it('sends only the fields chosen', () => {
    expect(auditQuery({ ...EMPTY_FORM, cameraId: 'home', action: 'view_start' })).toEqual({ cameraId: 'home', action: 'view_start' });
    expect(auditQuery({ ...EMPTY_FORM, siteId: 'east' })).toEqual({ siteId: 'east' });
  });

  it('takes whole local days, the last one included', () => {
    const query = auditQuery({ ...EMPTY_FORM, from: '2025-03-01', to: '2025-03-02' });
    expect(query.from).toBe(new Date(2025, 2, 1).getTime());
    expect(query.to).toBe(new Date(2025, 2, 3).getTime() - 1);
  });

  it('ignores a day that is not one', () => {
    expect(auditQuery({ ...EMPTY_FORM, from: 'yesterday' })).toEqual({});
  });
});
