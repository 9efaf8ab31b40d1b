// Public API of the domain core (import as `#core/index`). Pure functions: time is passed
// in, no AWS SDK; only loadNetwork touches the file system.
export * from './errors.ts';
export * from './vocabulary.ts';
export * from './iso-date.ts';
export * from './calendar.ts';
export * from './bank-holiday-rules.ts';
export * from './duration.ts';
export * from './network-config.ts';
export * from './network-config-file.ts';
export * from './standards.ts';
export * from './load-network.ts';
export * from './timetable.ts';
export * from './ratings.ts';
export * from './self-review.ts';
export * from './scoring.ts';
export * from './decision.ts';
export * from './report.ts';
export * from './allocation-rules.ts';
export * from './allocation.ts';
export * from './allocation-schemas.ts';
export * from './reviewer-availability.ts';
export * from './timetable-text.ts';
export * from './email-templates.ts';
export * from './workflow-steps.ts';
