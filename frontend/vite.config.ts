/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server forwards /api to a running gateway (VITE_DEV_API, default port 8080), so the
// app talks to the same origin in development as in the all-in-one jar.
// VITE_API_URL is compiled into the bundle: refuse anything but empty or an http(s) URL at build
// time, rather than ship an app that cannot reach its API (config/env.ts checks it again at run time).
const apiUrl = process.env.VITE_API_URL ?? '';
if (apiUrl !== '' && !/^https?:\/\/[^\s"'<>]+$/.test(apiUrl)) {
  throw new Error(`VITE_API_URL must be empty or an http(s) URL, got: ${apiUrl}`);
}

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: { '/api': process.env.VITE_DEV_API ?? 'http://127.0.0.1:8080' },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // The first load carries React, Mantine and the sign-in page; the charting library is its own
    // chunk, fetched with the first page that draws a chart.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'charts', test: /node_modules[\\/]lightweight-charts/ }],
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
