export type * from './content.js';
export type * from './events.js';
export type * from './request.js';
