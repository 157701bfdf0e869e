// The workers' health as they report it to Redis every few seconds (a worker silent for 15 s has dropped out).
import type { Redis } from 'ioredis';
import { keyPrefix } from './connection.ts';

export interface WorkerHealth {
  readonly name: string;
  readonly host: string;
  readonly pid: number;
  readonly since: string;
  readonly at: string;
  readonly pages: number;
  readonly failed: number;
  readonly active: number;
  readonly chromiumStarts: number;
  readonly chromium: string;
  readonly broadsheet: string;
  readonly rssMb: number;
}

export const healthKey = (name: string): string => `${keyPrefix}:worker:${name}`;

export async function workersHealth(redis: Redis): Promise<WorkerHealth[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', healthKey('*'), 'COUNT', 100);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  const values = keys.length > 0 ? await redis.mget(keys) : [];
  return values.flatMap((value) => (value ? [JSON.parse(value) as WorkerHealth] : [])).sort((a, b) => a.name.localeCompare(b.name));
}
