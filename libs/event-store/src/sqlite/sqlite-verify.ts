import { canonicalJson } from '../hash-chain/canonical-json';
import { checkLink } from '../hash-chain/hash-chain';
import { GENESIS_HASH } from '../port/envelope';
import type { VerifyResult } from '../port/event-store.port';
import type { SqliteDatabase } from './sqlite-database';
import { rowToEnvelope } from './sqlite-rows';
import type { EventRow } from './sqlite-schema';

/**
 * Walks the whole log in position order. Besides each hash link it checks that positions are
 * contiguous and that the stored payload text is exactly its canonical form, so a flipped byte
 * anywhere in a row (even one that still parses to an equal value) is reported.
 */
export function verifyLog(db: SqliteDatabase): VerifyResult {
  let previousHash = GENESIS_HASH;
  let expectedPosition = 1;
  let checked = 0;
  const rows = db.prepare<[], EventRow>('SELECT * FROM events ORDER BY position ASC').iterate();
  for (const row of rows) {
    const broken = (reason: string): VerifyResult => ({ ok: false, checked, position: row.position, reason });
    if (row.position !== expectedPosition) return broken(`expected position ${expectedPosition}`);
    let reason: string | null;
    try {
      const envelope = rowToEnvelope(row);
      reason =
        canonicalJson(envelope.data) === row.data ? checkLink(envelope, previousHash) : 'payload is not in canonical form';
    } catch (error) {
      reason = `unreadable payload: ${(error as Error).message}`;
    }
    if (reason) return broken(reason);
    previousHash = row.hash;
    expectedPosition += 1;
    checked += 1;
  }
  return { ok: true, checked, lastHash: previousHash };
}
