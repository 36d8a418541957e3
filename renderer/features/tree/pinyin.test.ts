import { describe, expect, it } from 'vitest';
import { pinyinInitials } from './pinyin';

describe('pinyin initials', () => {
  it('gives the initials of village and camera names', () => {
    expect(pinyinInitials('东村路口')).toBe('dclk');
    expect(pinyinInitials('西村敬老院大门')).toBe('xcjlydm');
    expect(pinyinInitials('南村桥头')).toBe('ncqt');
    expect(pinyinInitials('青山镇示范县公安局')).toBe('qszsfxgaj');
  });

  it('gets the first and last characters of each initial right', () => {
    expect(pinyinInitials('阿八擦大鹅发嘎哈鸡卡拉妈拿哦趴七然撒他挖西压匝')).toBe('abcdefghjklmnopqrstwxyz');
    expect(pinyinInitials('簿错墮樲過攟鬠纙鞪慪巭裠鶸蜶籜鑂繧座')).toBe('bcdegjklmopqrstxyz');
  });

  it('keeps letters and digits, and drops punctuation and spaces', () => {
    expect(pinyinInitials('3号 Gate·东')).toBe('3hgated');
  });
});
