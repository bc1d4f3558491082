import { describe, expect, it } from 'vitest';
import { returnPath, signInPath } from './return-path';

describe('where sign-in returns to', () => {
  it('a page of this app, with its query and fragment → that page', () => {
    expect(returnPath('/t/demo/queues')).toBe('/t/demo/queues');
    expect(returnPath('/t/demo/audit?subject=flow#top')).toBe('/t/demo/audit?subject=flow#top');
    expect(returnPath('/')).toBe('/');
  });

  it('dot segments and backslashes are resolved as a browser would', () => {
    expect(returnPath('/t/demo/../other/flows')).toBe('/t/other/flows');
    expect(returnPath('/t\\demo\\queues')).toBe('/t/demo/queues');
  });

  it('nothing asked for → the home page', () => {
    expect(returnPath(undefined)).toBe('/');
    expect(returnPath(null)).toBe('/');
    expect(returnPath('')).toBe('/');
  });

  it('another site, however it is written → the home page', () => {
    for (const target of [
      'https://evil.example/t/demo/queues',
      'http://127.0.0.1:3000/t/demo/queues',
      '//evil.example/path',
      '/\\evil.example/path',
      '\\\\evil.example/path',
      '/\t/evil.example/path',
      '/.//evil.example/path',
      ' /t/demo/queues',
      'javascript:alert(1)',
      'evil.example',
      't/demo/queues',
    ]) {
      expect(returnPath(target), target).toBe('/');
    }
  });

  it('the sign-in link carries the page to return to', () => {
    expect(signInPath('/t/demo/queues?x=1')).toBe('/sign-in?callbackUrl=%2Ft%2Fdemo%2Fqueues%3Fx%3D1');
  });
});
