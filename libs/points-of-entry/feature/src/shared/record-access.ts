import { atPointOfEntry, type AccessContext, type Resource } from '@border-ledger/security';

/**
 * A record of a point of entry as access control sees it: where it was recorded (and any extra
 * attribute, such as a screening's referral), or, when this node does not hold it, an unknown
 * record of the node that only country-wide roles may go on to ask about.
 */
export function recordAt(access: AccessContext, type: string, id: string, pointOfEntry: string | undefined, extra: Partial<Resource> = {}): Resource {
  return pointOfEntry === undefined ? access.unknownRecord(type, id) : atPointOfEntry(type, id, pointOfEntry, extra);
}
