import { describe, expect, it } from 'vitest';
import { isAppNavigation } from './navigation-guard';

describe('isAppNavigation', () => {
  it('allows the app’s own pages', () => {
    expect(isAppNavigation('bangban://app/index.html')).toBe(true);
    expect(isAppNavigation('bangban://app/index.html#/cases/12')).toBe(true);
  });

  it.each([
    'https://app',
    'bangban://app.evil.example/index.html',
    'bangban://evil.example/app',
    'bangban://user:pass@app/index.html',
    'bangban://app@evil.example/',
    'file:///etc/passwd',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://127.0.0.1:47615/',
    'not a url',
    '',
  ])('refuses %s', (target) => {
    expect(isAppNavigation(target)).toBe(false);
  });
});
