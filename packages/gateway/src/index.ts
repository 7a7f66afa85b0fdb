export {
  ConfigError,
  loadServeConfig,
  type ServeConfig,
  serveConfigSchema,
} from './config/serve-config.js';
export { generateKey, hashKey } from './server/api-keys.js';
export { createGateway, type Gateway, type GatewayOptions } from './server/create-gateway.js';
export { type RunningServer, startServer } from './server/start-server.js';
export { databaseTarget, openStore } from './storage/index.js';
export type * from './storage/types.js';
