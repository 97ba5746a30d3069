import { createInterface } from 'node:readline';
import type { ContractSubject } from './fixtures';

interface WriterLine {
  kind: 'attempt' | 'ack';
  stream: string;
  ids: string[];
  position?: number;
}

/** Kills a writer process mid-write (SIGKILL) and checks what survives in the reopened store. */
export function durabilityContract(subject: ContractSubject): void {
  const crash = subject.crash;
  if (!crash) return;

  it('keeps every acknowledged append and no partial batch after the writer is killed', async () => {
    const writer = crash.spawnWriter();
    const lines: WriterLine[] = [];
    let acks = 0;
    const stderr: string[] = [];
    writer.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const rl = createInterface({ input: writer.stdout! });
      rl.on('line', (text) => {
        const line = JSON.parse(text) as WriterLine;
        lines.push(line);
        if (line.kind === 'ack' && ++acks === 300) {
          writer.kill('SIGKILL');
        }
      });
      writer.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr.join('')}`)),
      );
    });

    const store = await crash.reopen();
    try {
      const all = await store.readAll({ after: 0, limit: 1_000_000 });
      const stored = new Map(all.map((e) => [e.eventId, e]));
      const acked = lines.filter((l) => l.kind === 'ack');
      expect(acked.length).toBeGreaterThanOrEqual(300);
      for (const ack of acked) {
        for (const id of ack.ids) expect(stored.get(id)?.streamId).toBe(ack.stream);
        expect(stored.get(ack.ids[ack.ids.length - 1])?.position).toBe(ack.position);
      }
      const attempts = lines.filter((l) => l.kind === 'attempt');
      for (const attempt of attempts) {
        const present = attempt.ids.filter((id) => stored.has(id)).length;
        expect([0, attempt.ids.length]).toContain(present);
      }
      expect(stored.size).toBe(all.length);
      expect(await store.verify()).toMatchObject({ ok: true, checked: all.length });
    } finally {
      await store.close();
    }
  });
}
