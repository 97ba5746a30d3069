export * from './reference/codes';
export * from './reference/points-of-entry.catalogue';
export * from './shared/rule-violation';
export * from './crossing/crossing.events';
export * from './crossing/crossing.commands';
export * from './crossing/crossing.decider';
