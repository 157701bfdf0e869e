// Who may talk to the proof server: only this machine, by the server's own name, from the proof's own origin.

export interface ServerAddress {
  readonly port: number;
}

/** The Host values the server answers to; anything else is a DNS-rebinding attempt or a stray request. */
export function allowedHosts(address: ServerAddress): Set<string> {
  return new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);
}

export function allowedOrigins(address: ServerAddress): Set<string> {
  return new Set([...allowedHosts(address)].map((host) => `http://${host}`));
}

export function isAllowedHost(host: string | undefined, address: ServerAddress): boolean {
  return host !== undefined && allowedHosts(address).has(host.toLowerCase());
}

/** For the reload channel and every request that changes something: the Origin must be the proof's own. */
export function isAllowedOrigin(origin: string | undefined, address: ServerAddress): boolean {
  return origin !== undefined && allowedOrigins(address).has(origin.toLowerCase());
}
