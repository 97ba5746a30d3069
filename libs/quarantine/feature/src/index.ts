export { QuarantineModule } from './quarantine.module';
export { CentresProjection, type RegisteredCentre } from './centre/centres.projection';
