import { connect, createServer, type Server, type Socket } from 'node:net';

const PRODUCE_API_KEY = 0;

/**
 * A TCP proxy in front of one Kafka broker that understands just enough of the protocol
 * (size-prefixed frames; a request's api key and correlation id, a response's correlation id)
 * to withhold the broker's answers to produce requests. The request itself is forwarded, so
 * the broker stores the records while the client never learns it did: an unknown outcome.
 * The broker must advertise the proxy (see `startProxiedBroker`), or clients bypass it.
 */
export class KafkaProxy {
  /** Produce responses withheld so far. */
  withheld = 0;
  /** Produce responses forwarded so far. */
  forwarded = 0;
  private upstreamPort = 0;
  private withholdAfter: number | null = null;
  private onWithheld: () => void = () => undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free loopback port below the ephemeral range (no TCP self-connect). */
  static async listen(): Promise<KafkaProxy> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      const server = createServer();
      const bound = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (!bound) continue;
      const proxy = new KafkaProxy(server, port);
      server.on('connection', (client) => proxy.pipe(client));
      return proxy;
    }
    throw new Error('no free loopback port for the Kafka proxy');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Where to forward; set once the broker behind it is up. */
  forwardTo(brokerAddress: string): void {
    this.upstreamPort = Number(brokerAddress.split(':')[1]);
  }

  /**
   * From the produce response after the next `after` ones on, withholds every produce response
   * (until {@link forwardAll}). Resolves when the first one is withheld.
   */
  withholdProduceResponses(after = 0): Promise<void> {
    this.withholdAfter = this.forwarded + after;
    return new Promise((resolve) => (this.onWithheld = resolve));
  }

  forwardAll(): void {
    this.withholdAfter = null;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const broker = connect(this.upstreamPort, '127.0.0.1');
    const produceIds = new Set<number>();
    for (const socket of [client, broker]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        broker.destroy();
      });
    }
    onFrames(client, (frame) => {
      if (frame.readInt16BE(4) === PRODUCE_API_KEY) produceIds.add(frame.readInt32BE(8));
      broker.write(frame);
    });
    onFrames(broker, (frame) => {
      const correlationId = frame.readInt32BE(4);
      if (produceIds.delete(correlationId) && this.shouldWithhold()) return;
      client.write(frame);
    });
  }

  private shouldWithhold(): boolean {
    if (this.withholdAfter === null || this.forwarded < this.withholdAfter) {
      this.forwarded += 1;
      return false;
    }
    this.withheld += 1;
    this.onWithheld();
    return true;
  }
}

/** Calls `handle` with each whole size-prefixed frame read from `socket`. */
function onFrames(socket: Socket, handle: (frame: Buffer) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const end = 4 + pending.readInt32BE(0);
      if (pending.length < end) break;
      handle(pending.subarray(0, end));
      pending = pending.subarray(end);
    }
  });
}
