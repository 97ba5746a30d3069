import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562) derived from a command id and the event's index in the command's
 * output, so that a retried command produces the same event ids and the store stores it once.
 */
export function deterministicEventId(commandId: string, index: number): string {
  const bytes = createHash('sha256').update(`${commandId}\u0000${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
