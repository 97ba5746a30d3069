import { generateKeyPairSync, sign } from 'node:crypto';
import {
  decodeCheckpointBody,
  encodeCheckpointBody,
  openCheckpoint,
  signCheckpoint,
  type CheckpointBody,
  type SignedCheckpoint,
} from './checkpoint';
import { signedCheckpointFromJson, signedCheckpointToJson } from './checkpoint-json';
import { MerkleError } from './errors';
import { leafHash, rootFromLeafHashes } from './hashing';
import { buildTrustList, ed25519PrivateKeyFromPem, ed25519PublicKeyFromPem, keyIdOf } from './keys';

const thailand = generateKeyPairSync('ed25519');
const laos = generateKeyPairSync('ed25519');
const trustList = buildTrustList([
  { publicKey: thailand.publicKey, agency: 'TH-DDC', logIds: ['th-ddc/la-moh/screening'] },
  { publicKey: laos.publicKey, agency: 'LA-MOH' },
]);

const body: CheckpointBody = {
  logId: 'th-ddc/la-moh/screening',
  treeSize: 3,
  rootHash: rootFromLeafHashes(['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s)))),
  timestamp: '2025-03-01T08:00:00Z',
};

const withBody = (signed: SignedCheckpoint, bytes: Uint8Array): SignedCheckpoint => ({ ...signed, body: bytes });

describe('checkpoint body encoding', () => {
  it('is a text note with one field a line, and decodes back to the same body', () => {
    const bytes = encodeCheckpointBody(body);
    const [logId, size, root, time, end] = Buffer.from(bytes).toString('utf8').split('\n');
    expect([logId, size, time, end]).toEqual(['th-ddc/la-moh/screening', '3', '2025-03-01T08:00:00Z', '']);
    expect(Buffer.from(root!, 'base64')).toEqual(Buffer.from(body.rootHash));
    const decoded = decodeCheckpointBody(bytes)!;
    expect({ ...decoded, rootHash: Buffer.from(decoded.rootHash) }).toEqual({ ...body, rootHash: Buffer.from(body.rootHash) });
  });

  it('refuses bodies with no canonical encoding', () => {
    const bad: Partial<CheckpointBody>[] = [
      { logId: '' },
      { logId: 'two\nlines' },
      { treeSize: -1 },
      { treeSize: 1.5 },
      { treeSize: 2 ** 53 },
      { rootHash: new Uint8Array(31) },
      { timestamp: '2025-03-01T08:00:00+07:00' },
      { timestamp: '2025-02-30T08:00:00Z' },
      { timestamp: 'yesterday' },
    ];
    for (const change of bad) {
      expect(() => encodeCheckpointBody({ ...body, ...change })).toThrow(expect.objectContaining({ code: 'invalid-checkpoint' }));
    }
  });

  it('decodes only canonical bytes', () => {
    const text = Buffer.from(encodeCheckpointBody(body)).toString('utf8');
    const variants = [text.replace('\n3\n', '\n03\n'), text.slice(0, -1), `${text}extra\n`, text.replace('\n', '\r\n'), text.replace('=\n', '\n')];
    for (const variant of variants) expect(decodeCheckpointBody(Buffer.from(variant, 'utf8'))).toBeUndefined();
  });
});

describe('signed checkpoints', () => {
  it('open with the trust list after signing, naming the key and agency', () => {
    const signed = signCheckpoint(body, thailand.privateKey);
    expect(signed.keyId).toBe(keyIdOf(thailand.publicKey));
    expect(signed.keyId).toMatch(/^[0-9a-f]{16}$/);
    const opened = openCheckpoint(signed, trustList);
    expect(opened).toMatchObject({ ok: true, keyId: signed.keyId, agency: 'TH-DDC', body: { treeSize: 3, timestamp: body.timestamp } });
  });

  it('survive the JSON wire form', () => {
    const signed = signCheckpoint(body, thailand.privateKey);
    const json = JSON.parse(JSON.stringify(signedCheckpointToJson(signed))) as unknown;
    expect(openCheckpoint(signedCheckpointFromJson(json)!, trustList).ok).toBe(true);
    expect(signedCheckpointFromJson({ ...(json as object), body: 'not base64!' })).toBeUndefined();
    expect(signedCheckpointFromJson('x')).toBeUndefined();
  });

  it('are refused with a bad signature when any bit of the body changes', () => {
    const signed = signCheckpoint(body, thailand.privateKey);
    for (let i = 0; i < signed.body.length; i++) {
      const tampered = Uint8Array.from(signed.body);
      tampered[i]! ^= 0x01;
      expect(openCheckpoint(withBody(signed, tampered), trustList)).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
    const bigger = encodeCheckpointBody({ ...body, treeSize: 4 });
    expect(openCheckpoint(withBody(signed, bigger), trustList)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('are refused when signed by another trusted key than the one named', () => {
    const byLaos = signCheckpoint(body, laos.privateKey);
    const claimed = { ...byLaos, keyId: keyIdOf(thailand.publicKey) };
    expect(openCheckpoint(claimed, trustList)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('are refused when the key is unknown, or not trusted for that log', () => {
    const stranger = generateKeyPairSync('ed25519');
    expect(openCheckpoint(signCheckpoint(body, stranger.privateKey), trustList)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const otherLog = signCheckpoint({ ...body, logId: 'th-ddc/kh-moh/screening' }, thailand.privateKey);
    expect(openCheckpoint(otherLog, trustList)).toMatchObject({ ok: false, reason: 'unknown-key' });
    // A key with no log list signs for any log.
    expect(openCheckpoint(signCheckpoint({ ...body, logId: 'la-moh/th-ddc/referrals' }, laos.privateKey), trustList).ok).toBe(true);
  });

  it('are refused as malformed when the signature has the wrong size or the signed bytes are no checkpoint', () => {
    const signed = signCheckpoint(body, thailand.privateKey);
    expect(openCheckpoint({ ...signed, signature: signed.signature.subarray(1) }, trustList)).toMatchObject({ reason: 'malformed' });
    const { privateKey } = thailand;
    const junk = Buffer.from('not a checkpoint');
    const { signature } = signCheckpoint(body, privateKey);
    expect(openCheckpoint({ body: junk, signature, keyId: signed.keyId }, trustList)).toMatchObject({ reason: 'bad-signature' });
    const signedJunk = { body: junk, signature: sign(null, junk, privateKey), keyId: signed.keyId };
    expect(openCheckpoint(signedJunk, trustList)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('keys', () => {
  it('load from PEM and keep their key id', () => {
    const publicPem = thailand.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privatePem = thailand.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(keyIdOf(ed25519PublicKeyFromPem(publicPem))).toBe(keyIdOf(thailand.publicKey));
    expect(keyIdOf(ed25519PrivateKeyFromPem(privatePem))).toBe(keyIdOf(thailand.publicKey));
    const signed = signCheckpoint(body, ed25519PrivateKeyFromPem(privatePem));
    expect(openCheckpoint(signed, trustList).ok).toBe(true);
  });

  it('refuse anything but Ed25519, and duplicate trust entries', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => ed25519PublicKeyFromPem(rsaPem)).toThrow(expect.objectContaining({ code: 'invalid-key' }));
    expect(() => ed25519PrivateKeyFromPem('garbage')).toThrow(MerkleError);
    expect(() => signCheckpoint(body, rsa.privateKey)).toThrow(expect.objectContaining({ code: 'invalid-key' }));
    expect(() => buildTrustList([{ publicKey: rsa.publicKey, agency: 'X' }])).toThrow(MerkleError);
    const twice = [thailand, thailand].map(({ publicKey }) => ({ publicKey, agency: 'TH-DDC' }));
    expect(() => buildTrustList(twice)).toThrow(expect.objectContaining({ code: 'invalid-key' }));
  });
});
