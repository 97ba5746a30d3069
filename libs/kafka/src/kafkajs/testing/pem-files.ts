import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of a throwaway certificate and its key. */
export interface PemPair {
  readonly cert: string;
  readonly key: string;
}

/**
 * Writes a self-signed EC certificate for `cn` and its unencrypted PKCS#8 key into `dir` with
 * openssl (needed on the machine), as `<cn>.crt` and `<cn>.key`.
 */
export function selfSignedPair(dir: string, cn: string): PemPair {
  const pair = { cert: join(dir, `${cn}.crt`), key: join(dir, `${cn}.key`) };
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', `/CN=${cn}`,
      '-keyout', pair.key, '-out', pair.cert],
    { stdio: 'ignore' },
  );
  return pair;
}

/** Writes `text` to `dir/name` and returns the path. */
export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}
