// Runs the TypeScript sources directly: ts-node in transpile-only mode (decorator metadata kept,
// which Nest's dependency injection needs) and the workspace path aliases from tsconfig.base.json.
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
