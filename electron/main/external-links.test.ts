import { describe, expect, it } from 'vitest';
import { isAllowedExternalLink } from './external-links';

describe('isAllowedExternalLink', () => {
  it.each([
    'https://www.gov.cn/zhengce/',
    'https://gov.cn/',
    'https://zwfw.fujian.gov.cn/guide?id=1',
    'https://WWW.GOV.CN/',
  ])('opens %s', (target) => {
    expect(isAllowedExternalLink(target)).toBe(true);
  });

  it.each([
    'http://www.gov.cn/',
    'https://gov.cn.evil.example/',
    'https://evilgov.cn/',
    'https://www.gov.cn@evil.example/',
    'https://user:pass@www.gov.cn/',
    'https://www.gov.cn:8443/',
    'https://xn--gov-cn-evil.example/',
    'file:///C:/Windows/System32/calc.exe',
    'about:blank',
    'javascript:alert(1)',
    'bangban://app/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'not a url',
    '',
  ])('refuses %s', (target) => {
    expect(isAllowedExternalLink(target)).toBe(false);
  });
});
