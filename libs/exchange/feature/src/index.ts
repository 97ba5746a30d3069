export { ExchangeModule, type ExchangeModuleOptions } from './exchange.module';
export { SharedCrossingsProjection, SHARED_CROSSING_TYPES } from './shared-crossings/shared-crossings.projection';
export type { ExchangeFeed } from './feed/exchange-feed';
