import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const contracts = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));
const policies = fileURLToPath(new URL('../../libs/policies/src/index.ts', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@frontdesk/contracts': contracts, '@frontdesk/policies': policies } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: true },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
