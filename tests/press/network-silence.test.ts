// Nothing leaves the machine: a build run in an offline network namespace (when the test runs as root, as CI does)
// with Chromium writing a net log, and the log read for every host looked up, every URL requested and every socket
// connected. Loopback aside, there must be none: no DNS lookup of clients2.google.com, no update check, nothing.
import { execFile, execFileSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/render/browser.ts';
import { addFile } from '../helpers/build.ts';
import { jpegBytes } from '../helpers/images.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

interface NetEvent {
  readonly type: string;
  readonly params: Record<string, unknown>;
}

/** The net log's events with their type names; a log cut short (no closing brackets) is read up to its last event. */
function readNetLog(text: string): NetEvent[] {
  let log: { constants: { logEventTypes: Record<string, number> }; events: Array<{ type: number; params?: Record<string, unknown> }> };
  try {
    log = JSON.parse(text) as typeof log;
  } catch {
    log = JSON.parse(text.replace(/,?\s*$/, '') + ']}') as typeof log;
  }
  const names = new Map(Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]));
  return log.events.map((event) => ({ type: names.get(event.type) ?? String(event.type), params: event.params ?? {} }));
}

const offline = (() => {
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let temp: TempFolder;
let events: NetEvent[] = [];
let status: number | null = null;
let said = '';

beforeAll(async () => {
  temp = await tempFolder('network');
  const log = join(temp.path, 'netlog.json');
  // Chromium as Broadsheet finds it, with a net log: a wrapper named by BROADSHEET_CHROMIUM.
  const wrapper = join(temp.path, 'chromium');
  await writeFile(wrapper, `#!/bin/sh\nexec ${findChromium()} --log-net-log=${log} --net-log-capture-mode=Everything "$@"\n`);
  await chmod(wrapper, 0o755);
  const dir = join(temp.path, 'story');
  await addFile(dir, 'images/quay.jpg', jpegBytes(1200, 800));
  await addFile(
    dir,
    'article.md',
    '---\nheadline: Quay lights go out at midnight\nlang: en-GB\n---\n\nThe harbour board turns the quay lights off at midnight from Friday. [The notice](https://example.org/notice) is on its website.\n\n![The quay at night](images/quay.jpg "Desk")\n\nFishing boats keep their own lights.\n',
  );
  const command = [process.execPath, join(projectRoot, 'bin/broadsheet.js'), 'build', dir, '-o', join(temp.path, 'out')];
  const [file = '', ...args] = offline ? ['unshare', '-n', ...command] : command;
  await new Promise<void>((resolve) =>
    execFile(file, args, { env: { ...process.env, BROADSHEET_CHROMIUM: wrapper }, encoding: 'utf8', timeout: 180_000 }, (error, stdout, stderr) => {
      status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      said = stdout + stderr;
      resolve();
    }),
  );
  events = readNetLog(await readFile(log, 'utf8'));
}, 300_000);
afterAll(async () => temp?.remove());

describe(`a build ${offline ? 'in an offline network namespace' : '(not root: no namespace; the net log alone)'}`, () => {
  it('builds, and Chromium wrote a net log of it', () => {
    expect(status, said).toBe(0);
    expect(events.length).toBeGreaterThan(10);
  });

  it('asks no DNS server anything: no resolver job, no name but the resolver rule’s own ~NOTFOUND', () => {
    const jobs = events.filter((event) => event.type === 'HOST_RESOLVER_MANAGER_JOB' || event.type.startsWith('HOST_RESOLVER_DNS') || event.type.startsWith('DNS_TRANSACTION'));
    expect(jobs.map((event) => `${event.type} ${JSON.stringify(event.params)}`)).toEqual([]);
    const names = events.filter((event) => event.type.startsWith('HOST_RESOLVER') && typeof event.params['host'] === 'string').map((event) => String(event.params['host']));
    expect([...new Set(names)].filter((name) => !/~notfound$/i.test(name))).toEqual([]);
  });

  it('opens no TCP connection but to loopback, and sends no byte off the machine', () => {
    const off = (params: Record<string, unknown>) => {
      const address = String(params['address'] ?? params['remote_address'] ?? '');
      return address !== '' && !/^(?:127\.|\[::1\])/.test(address);
    };
    const tcp = events.filter((event) => event.type === 'TCP_CONNECT' && off(event.params)).map((event) => JSON.stringify(event.params));
    expect(tcp).toEqual([]);
    // Chromium's IPv6 reachability check connects a UDP socket to learn a route; it sends nothing. Bytes would show.
    const sent = events.filter((event) => (event.type === 'UDP_BYTES_SENT' || event.type === 'SOCKET_BYTES_SENT') && off(event.params));
    expect(sent.map((event) => JSON.stringify(event.params))).toEqual([]);
  });

  it('never fetches the manuscript’s own https link', () => {
    const urls = events.filter((event) => event.type === 'URL_REQUEST_START_JOB').map((event) => String(event.params['url'] ?? ''));
    expect(urls.filter((url) => url.includes('example.org'))).toEqual([]);
  });
});
