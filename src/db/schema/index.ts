export * from './organizations.js';
export * from './users.js';
export * from './audit-events.js';
export * from './documents.js';
export * from './handling.js';
