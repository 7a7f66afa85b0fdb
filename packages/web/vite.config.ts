import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The dev server forwards /api to a running gateway: STRATA_GATEWAY=http://127.0.0.1:PORT npm run dev -w @strata/web
const gateway = process.env.STRATA_GATEWAY ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [preact()],
  // Relative asset URLs: the gateway may serve the page under any path.
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1', proxy: { '/api': { target: gateway, changeOrigin: false } } },
});
