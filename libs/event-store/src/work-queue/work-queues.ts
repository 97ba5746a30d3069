import type { SqliteWorkQueue } from './sqlite-work-queue';

/** A process manager's queue as the node's operators reach it. */
export interface RegisteredWorkQueue {
  /** kebab-case, unique in the node, e.g. `quarantine-admissions`. */
  readonly name: string;
  readonly queue: SqliteWorkQueue;
  /** Tells the queue's runner that work is due now (after a retry); else it finds it when it polls. */
  readonly wake?: () => void;
}

/**
 * The work queues of every process manager in this process (one in a distributed service, all of
 * them on the edge node), so that operators can see parked work and metrics can count it.
 */
export class WorkQueues {
  private readonly queues = new Map<string, RegisteredWorkQueue>();

  register(entry: RegisteredWorkQueue): void {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(entry.name)) throw new Error(`Work queue name ${entry.name} must be kebab-case`);
    if (this.queues.has(entry.name)) throw new Error(`Work queue ${entry.name} is registered twice`);
    this.queues.set(entry.name, entry);
  }

  get(name: string): RegisteredWorkQueue | undefined {
    return this.queues.get(name);
  }

  /** In the order they were registered. */
  all(): RegisteredWorkQueue[] {
    return [...this.queues.values()];
  }
}
