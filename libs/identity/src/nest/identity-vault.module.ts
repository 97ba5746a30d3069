import { DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@border-ledger/platform';
import { TravellerHasher, TRAVELLER_HASHER } from '../keyed-hash/traveller-hasher';
import { SqliteTravellerKeyVault } from '../vault/sqlite-traveller-key-vault';
import { TRAVELLER_KEY_VAULT, type TravellerKeyVault } from '../vault/traveller-key-vault.port';

export interface IdentityVaultModuleOptions {
  /** SQLite file of the key vault (its own file and connection). */
  readonly vaultPath: string;
  /** Secret key of the traveller-reference hash. */
  readonly hashKey: Buffer;
}

class IdentityVaultLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(TRAVELLER_KEY_VAULT) private readonly vault: TravellerKeyVault,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('identity-vault', () => this.vault.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.vault.close();
  }
}

/** Provides the traveller key vault (SQLite) and the node's traveller hasher to the whole app. */
@Global()
@Module({})
export class IdentityVaultModule {
  static forRoot(options: IdentityVaultModuleOptions): DynamicModule {
    return {
      module: IdentityVaultModule,
      providers: [
        { provide: TRAVELLER_KEY_VAULT, useFactory: () => new SqliteTravellerKeyVault(options.vaultPath) },
        { provide: TRAVELLER_HASHER, useFactory: () => new TravellerHasher(options.hashKey) },
        IdentityVaultLifecycle,
      ],
      exports: [TRAVELLER_KEY_VAULT, TRAVELLER_HASHER],
    };
  }
}
