export { nodeServiceImports, type NodeServiceOptions } from './node-service';
