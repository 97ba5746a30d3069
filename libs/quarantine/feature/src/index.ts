export { QuarantineModule, type QuarantineModuleOptions } from './quarantine.module';
export { CentresProjection, type RegisteredCentre } from './centre/centres.projection';
export { OccupancyQueries } from './stay/occupancy.queries';
