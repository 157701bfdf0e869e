// Who the proof server answers to: its own Host names on its own port, and requests from its own origin; nothing else.
import { describe, expect, it } from 'vitest';
import { allowedOrigins, isAllowedHost, isAllowedOrigin } from '../../src/preview/guard.ts';

const address = { port: 4173 };

describe('isAllowedHost', () => {
  it.each(['127.0.0.1:4173', 'localhost:4173', 'LOCALHOST:4173'])('answers to %s', (host) => {
    expect(isAllowedHost(host, address)).toBe(true);
  });

  it.each([
    ['no Host header', undefined],
    ['a foreign name', 'evil.example'],
    ['a foreign name on the port', 'evil.example:4173'],
    ['a name that merely starts like the server', '127.0.0.1.evil.example:4173'],
    ['a name ending in localhost', 'evil.localhost:4173'],
    ['the right name without the port', '127.0.0.1'],
    ['the right name on another port', '127.0.0.1:4174'],
    ['IPv6 loopback (never bound)', '[::1]:4173'],
    ['the all-interfaces address', '0.0.0.0:4173'],
    ['an empty header', ''],
  ])('refuses %s', (_label, host) => {
    expect(isAllowedHost(host, address)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('allows exactly the proof page’s own two origins', () => {
    expect([...allowedOrigins(address)].sort()).toEqual(['http://127.0.0.1:4173', 'http://localhost:4173']);
    expect(isAllowedOrigin('http://127.0.0.1:4173', address)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4173', address)).toBe(true);
  });

  it.each([
    ['no Origin header', undefined],
    ['the opaque origin of a sandboxed frame or file://', 'null'],
    ['a foreign site', 'http://evil.example'],
    ['https on the right host', 'https://127.0.0.1:4173'],
    ['another port on 127.0.0.1', 'http://127.0.0.1:8080'],
    ['an origin with a path', 'http://127.0.0.1:4173/'],
    ['a host that only starts like the server', 'http://127.0.0.1:4173.evil.example'],
    ['a bare Host value', '127.0.0.1:4173'],
  ])('refuses %s', (_label, origin) => {
    expect(isAllowedOrigin(origin, address)).toBe(false);
  });
});
