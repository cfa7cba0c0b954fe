/**
 * The load balancer of the cluster tier: a plain HTTP proxy that hands each request to the next
 * API process in turn, as a round-robin balancer in front of stateless replicas does. A process
 * taken out (`remove`, what a balancer's health check does to a dead replica) gets no more.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class RoundRobinProxy {
  /** Requests each target answered, by its base URL. */
  readonly served = new Map<string, number>();
  private targets: string[];
  private next = 0;
  private server: Server | undefined;

  constructor(targets: string[]) {
    this.targets = [...targets];
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('The proxy is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  remove(target: string): void {
    this.targets = this.targets.filter((t) => t !== target);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const target = this.targets[this.next++ % this.targets.length];
    const upstream = request(
      `${target}${req.url ?? '/'}`,
      {
        // A fresh connection each way: no request lands on a keep-alive socket the other side is closing.
        agent: false,
        method: req.method,
        headers: {
          ...req.headers,
          host: new URL(target).host,
          // As balancers do: the replicas (trusting this proxy) read the client's address from it.
          'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
        },
      },
      (answer) => {
        this.served.set(target, (this.served.get(target) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
        answer.pipe(res);
      },
    );
    // A target that died mid-request: the client sees what a balancer answers then.
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  }
}
