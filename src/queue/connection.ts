// Where the job queue is: a `redis://[:password@]host:port[/db]` address (from --queue or the house config) as the
// connection BullMQ and the content store use, and the names every coordinator and worker of a newsroom share.
import { Redis } from 'ioredis';
import { BroadsheetError } from '../errors/catalogue.ts';

/**
 * The queue of page jobs for one build of Broadsheet (buildIdentity): a worker only ever sees pages it sets exactly
 * as the sender would, and a farm can be upgraded machine by machine. The prefix is that of every other key.
 */
export const pageQueueName = (identity: string): string => `broadsheet-pages-${identity.replace(/[^\w.-]/g, '_')}`;
export const keyPrefix = 'broadsheet';

export interface QueueAddress {
  /** As given, without its password: for messages. */
  readonly shown: string;
  readonly options: RedisPlace;
}

/** Where Redis listens and how to log in: what BullMQ and ioredis are given (with `maxRetriesPerRequest: null`). */
export interface RedisPlace {
  readonly host: string;
  readonly port: number;
  readonly password?: string;
  readonly username?: string;
  readonly db?: number;
  /** BullMQ's blocking connections wait for as long as they must; a restarted Redis is reconnected to. */
  readonly maxRetriesPerRequest: null;
}

export function queueAddress(url: string): QueueAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BroadsheetError('QueueUnreachable', `--queue ${url} is not an address: write it as redis://HOST:PORT (redis://127.0.0.1:6379).`);
  }
  if (parsed.protocol !== 'redis:' || !parsed.hostname) throw new BroadsheetError('QueueUnreachable', `--queue ${url} is not a redis://HOST:PORT address.`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new BroadsheetError('QueueUnreachable', `--queue ${url}: the part after the port must be a database number (redis://HOST:PORT/0).`);
  const options: RedisPlace = {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(db ? { db: Number(db) } : {}),
    maxRetriesPerRequest: null,
  };
  return { shown: `redis://${options.host}:${options.port}${db ? `/${db}` : ''}`, options };
}

/** A connection that has answered PING, or a clear error within `timeoutMs` when nothing answers. */
export async function connectQueue(address: QueueAddress, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis({ ...address.options, lazyConnect: true, retryStrategy: (times) => Math.min(times * 200, 2000) });
  redis.on('error', () => undefined);
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs).unref()),
    ]);
    return redis;
  } catch (cause) {
    redis.disconnect();
    throw new BroadsheetError('QueueUnreachable', `Redis at ${address.shown} does not answer (${cause instanceof Error ? cause.message : String(cause)}).`, { cause });
  }
}
