export * from './centre/centre.codes';
export * from './centre/centre.events';
export * from './centre/centre.commands';
export * from './centre/centre.decider';
export * from './placement/placement';
export * from './stay/stay.events';
export * from './stay/stay.commands';
export * from './stay/stay.decider';
