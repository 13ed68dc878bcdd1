import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// openapi.json is the gateway's /api/openapi.json as committed (the gateway's WebAppIT fails when
// it differs from what the gateway serves); api.d.ts must be what openapi-typescript makes of it.
describe('generated API types', () => {
  it('api.d.ts is up to date with openapi.json (npm run api:generate)', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const cli = fileURLToPath(new URL('../../node_modules/openapi-typescript/bin/cli.js', import.meta.url));
    const generated = execFileSync(process.execPath, [cli, `${dir}openapi.json`], { encoding: 'utf8', cwd: `${dir}../..` });
    expect(generated.trim()).toBe(readFileSync(`${dir}api.d.ts`, 'utf8').trim());
  }, 60_000); // a Node process of its own: slow on a busy machine
});
