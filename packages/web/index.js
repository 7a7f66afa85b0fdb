import { fileURLToPath } from 'node:url';

/** The folder of the built chat page (index.html + assets/), for the gateway to serve as static files. */
export const distDir = fileURLToPath(new URL('./dist/', import.meta.url));
