export * from './keyed-hash/traveller-hasher';
export * from './sealing/seal';
export * from './sealing/crossing-identity';
export * from './vault/traveller-key-vault.port';
export { SqliteTravellerKeyVault } from './vault/sqlite-traveller-key-vault';
export * from './config/identity-config';
export { IdentityVaultModule, type IdentityVaultModuleOptions } from './nest/identity-vault.module';
