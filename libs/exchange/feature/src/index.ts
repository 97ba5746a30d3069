export { ExchangeModule, type ExchangeModuleOptions } from './exchange.module';
export { readExchangeSettings, type ExchangeSettings } from './exchange.settings';
export { exchangeKeyId, readExchangeKeys, type ExchangeKeys, type TrustedAgency } from './keys/exchange-keys';
export { ExchangeRuntime, type ExchangeTuning } from './runtime/exchange-runtime';
export { feedTopic } from './outgoing/outgoing-publisher';
export { feedLogId } from './integrity/integrity-monitor';
export { SharedCrossingsProjection, SHARED_CROSSING_TYPES } from './shared-crossings/shared-crossings.projection';
