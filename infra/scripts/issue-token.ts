// `npm run -s token -- --role border-officer --point-of-entry TH-ARANYAPRATHET`: an officer's token
// signed by the edge node's own key (generated once in its data folder). Only the token goes to stdout.
import { issueTokenCommand } from '@border-ledger/security';
import { EDGE_DEFAULTS } from '../../services/edge-node/src/edge-defaults';

void issueTokenCommand(process.argv.slice(2), process.env, EDGE_DEFAULTS).then((result) => {
  if ('error' in result) {
    process.stderr.write(`${result.error}\n`);
    process.exit(2);
  }
  process.stderr.write(`${result.note}\n`);
  process.stdout.write(`${result.token}\n`);
});
