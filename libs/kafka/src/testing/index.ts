export { arbitraryEnvelope, sampleEnvelope, seal } from './envelopes';
export {
  appendInterleaved,
  Conditions,
  storedEnvelopes,
  streamIds,
  testBrokers,
  testClient,
  TestReadModel,
  uniqueContext,
} from './kafka-kit';
