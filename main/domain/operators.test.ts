import { describe, expect, it } from 'vitest';
import type { StoredOperator } from './model.js';
import { badgeTaken, findOperator, reportName } from './operators.js';

const pin = { salt: 's', hash: 'h', cost: 15 };
const zhang: StoredOperator = { id: 'op-zhang', name: '张三丰', badge: 'A1024', unit: '青山派出所', pin, admin: false, disabled: false };
const li: StoredOperator = { id: 'op-li', name: '李四', badge: '2048', unit: '青山派出所', pin, admin: true, disabled: true };

describe('named operators', () => {
  it('finds the operator by id or by the badge typed in any case, never a disabled one', () => {
    expect(findOperator([zhang, li], 'op-zhang')).toBe(zhang);
    expect(findOperator([zhang, li], ' a1024 ')).toBe(zhang);
    expect(findOperator([zhang, li], '2048')).toBeNull();
    expect(findOperator([zhang, li], 'op-li')).toBeNull();
  });

  it('refuses a badge another operator carries, but not their own', () => {
    expect(badgeTaken([zhang, li], 'a1024', null)).toBe(true);
    expect(badgeTaken([zhang, li], 'A1024', 'op-zhang')).toBe(false);
    expect(badgeTaken([zhang, li], '2048', 'op-zhang')).toBe(true);
  });

  it('masks all but the surname in the household report, unless the bureau chose full names', () => {
    expect(reportName('张三丰', 'masked')).toBe('张**');
    expect(reportName('李四', 'masked')).toBe('李*');
    expect(reportName('王', 'masked')).toBe('王');
    expect(reportName('Zhang San', 'masked')).toBe('Z**** ***');
    expect(reportName('张三丰', 'full')).toBe('张三丰');
  });
});
