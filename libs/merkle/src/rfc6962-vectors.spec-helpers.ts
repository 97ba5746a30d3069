import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/*
 * The RFC 6962 vectors of transparency-dev/merkle live in the shared folder beside the checkout
 * (`<x>/main` and `<x>/shared`) and are read in place, never copied into the repository. CI
 * clones elsewhere and points BORDER_LEDGER_SHARED at its shared folder. A missing folder fails
 * the suite: silently skipping would pass without checking anything.
 */

/** An inclusion case: `inclusion/<group>/<name>.json`, hashes decoded from base64. */
export interface InclusionVector {
  readonly file: string;
  readonly leafIdx: number;
  readonly treeSize: number;
  readonly root: Uint8Array;
  readonly leafHash: Uint8Array;
  readonly proof: Uint8Array[];
  readonly wantErr: boolean;
}

/** A consistency case: `consistency/<group>/<name>.json`, hashes decoded from base64. */
export interface ConsistencyVector {
  readonly file: string;
  readonly size1: number;
  readonly size2: number;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: Uint8Array[];
  readonly wantErr: boolean;
}

/** The folder holding the vectors; throws with the places it looked when there is none. */
export function vectorsDir(): string {
  const tried: string[] = [];
  const fromEnv = process.env['BORDER_LEDGER_SHARED'];
  if (fromEnv) tried.push(resolve(fromEnv, 'testdata/rfc6962-merkle'));
  const root = repoRoot(__dirname);
  if (root) tried.push(resolve(root, '../shared/testdata/rfc6962-merkle'));
  // The team's shared folder on these machines, for a clone made anywhere else (CI's clean clone).
  tried.push('/work/shared/testdata/rfc6962-merkle');
  const found = tried.find((dir) => existsSync(join(dir, 'leaf-inputs.json')));
  if (found) return found;
  throw new Error(
    `RFC 6962 test vectors not found (looked in: ${tried.join(', ') || 'nowhere, no nx.json above ' + __dirname}). ` +
      'Set BORDER_LEDGER_SHARED to the shared folder that holds testdata/rfc6962-merkle.',
  );
}

/** The 8 leaf inputs of the reference tree and the hex root over all of them. */
export function leafInputs(): { inputs: Uint8Array[]; rootOfAll8Hex: string } {
  const json = JSON.parse(readFileSync(join(vectorsDir(), 'leaf-inputs.json'), 'utf8')) as {
    leafInputsHex: string[];
    rootOfAll8Hex: string;
  };
  return { inputs: json.leafInputsHex.map((hex) => Buffer.from(hex, 'hex')), rootOfAll8Hex: json.rootOfAll8Hex };
}

/** Every inclusion vector, sorted by file. */
export function inclusionVectors(): InclusionVector[] {
  return jsonFiles('inclusion').map(({ file, json }) => ({
    file,
    leafIdx: json['leafIdx'] as number,
    treeSize: json['treeSize'] as number,
    root: bytes(json['root']),
    leafHash: bytes(json['leafHash']),
    proof: proof(json['proof']),
    wantErr: json['wantErr'] === true,
  }));
}

/** Every consistency vector, sorted by file. */
export function consistencyVectors(): ConsistencyVector[] {
  return jsonFiles('consistency').map(({ file, json }) => ({
    file,
    size1: json['size1'] as number,
    size2: json['size2'] as number,
    root1: bytes(json['root1']),
    root2: bytes(json['root2']),
    proof: proof(json['proof']),
    wantErr: json['wantErr'] === true,
  }));
}

function repoRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function jsonFiles(kind: 'inclusion' | 'consistency'): { file: string; json: Record<string, unknown> }[] {
  const base = vectorsDir();
  const files = listJson(join(base, kind)).sort();
  return files.map((path) => ({
    file: relative(base, path),
    json: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>,
  }));
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listJson(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

// Go's encoding/json writes []byte as standard base64 and a nil slice as null.
function bytes(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new Error(`Expected a base64 string, got ${JSON.stringify(value)}`);
  return Buffer.from(value, 'base64');
}

function proof(value: unknown): Uint8Array[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new Error(`Expected a proof array, got ${JSON.stringify(value)}`);
  return value.map(bytes);
}
