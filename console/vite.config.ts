import { defineConfig } from 'vite';

// The gateway serves the built files from its classpath (static/); `npm run dev` proxies the API to a running
// gateway (FABRIC_GATEWAY, default http://127.0.0.1:8080) for work on the console alone.
export default defineConfig({
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 200,
  },
  server: {
    proxy: { '/v1': process.env.FABRIC_GATEWAY ?? 'http://127.0.0.1:8080' },
  },
});
