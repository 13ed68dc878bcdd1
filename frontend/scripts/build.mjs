// Placeholder build until the Vite app lands: copies public/ to dist/ and, like Vite, replaces
// %VITE_API_URL% in HTML files with the build-time value.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const apiUrl = process.env.VITE_API_URL ?? '';
if (apiUrl !== '' && !/^https?:\/\/[^\s"'<>]+$/.test(apiUrl)) {
  console.error(`VITE_API_URL must be empty or an http(s) URL, got: ${apiUrl}`);
  process.exit(1);
}

rmSync('dist', { recursive: true, force: true });
cpSync('public', 'dist', { recursive: true });
for (const entry of readdirSync('dist', { recursive: true })) {
  const path = join('dist', entry);
  if (path.endsWith('.html')) {
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('%VITE_API_URL%', apiUrl));
  }
}
console.log(`dist/ built (VITE_API_URL=${apiUrl === '' ? '<same origin>' : apiUrl})`);
