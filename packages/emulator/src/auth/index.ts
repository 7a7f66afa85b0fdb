export { authenticate } from './authenticate.js';
export { EXPIRED_SESSION_TOKEN, SIGNING_SERVICE } from './sigv4.js';
export type { AuthConfig, AuthRequest, AuthResult, Credential } from './types.js';
