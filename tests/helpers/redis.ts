// A Redis of the test's own: Debian's redis-server on a free loopback port, its data in a temporary folder (appendonly,
// so a restart keeps the queue), stopped when the test ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops Redis (SHUTDOWN, which writes its data) and starts it again on the same port and folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export async function startRedis(dir: string): Promise<TestRedis> {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) throw new Error('redis-server is not installed: run `npm run setup` as root (it installs Debian\'s redis-server)');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes'], { stdio: 'ignore' });
    for (let tries = 0; tries < 100; tries++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
  };
  const halt = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    spawnSync('redis-cli', ['-p', String(port), 'shutdown']);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (running.exitCode === null) running.kill('SIGKILL');
  };
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, restart: async () => (await halt(), await launch()), stop: halt };
}
