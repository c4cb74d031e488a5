import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { makePdf, pdfsig, setupEnv } from './tools.js';
import type { Env } from './tools.js';

let env: Env;
let input: string;
let p12: string;

beforeAll(async () => {
  env = setupEnv();
  input = path.join(env.dir, 'in.pdf');
  writeFileSync(input, await makePdf());
  p12 = env.pki.files.find((f) => f.id === 'official')!.p12Path;
});

const cli = (...args: string[]): { status: number; stdout: string; stderr: string } => {
  const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', ...args], { cwd: path.resolve(import.meta.dirname, '../../..'), encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe('cli sign / verify', () => {
  it('signs visibly and verifies as JSON with a trust anchor', async () => {
    const out = path.join(env.dir, 'out.pdf');
    const signed = cli('sign', input, out, '--p12', p12, '--password', env.pki.password, '--reason', 'Phê duyệt', '--visible');
    expect(signed).toMatchObject({ status: 0, stderr: '' });
    expect(readdirSync(env.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(pdfsig(env, (await import('node:fs')).readFileSync(out))[0]).toMatchObject({ valid: true, trusted: true });

    const verified = cli('verify', out, '--json', '--trust', env.pki.caCertPath);
    expect(verified.status).toBe(0);
    const json = JSON.parse(verified.stdout) as { signatures: Record<string, unknown>[] };
    expect(json.signatures).toHaveLength(1);
    expect(json.signatures[0]).toMatchObject({
      field: 'Signature',
      signer: 'Nguyễn Văn An',
      integrityValid: true,
      signatureValid: true,
      certificateHashValid: true,
      chainTrusted: true,
      revision: 2,
      revisions: 2,
      coversWholeDocument: true,
    });
    expect(typeof json.signatures[0].signedAt).toBe('string');

    const untrusted = JSON.parse(cli('verify', out, '--json').stdout) as { signatures: { chainTrusted: boolean }[] };
    expect(untrusted.signatures[0].chainTrusted).toBe(false);
  });

  it('fails with a one-line reason and writes nothing on a wrong password', () => {
    const out = path.join(env.dir, 'never.pdf');
    const r = cli('sign', input, out, '--p12', p12, '--password', 'wrong');
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/wrong password or corrupt PKCS#12/);
    expect(existsSync(out)).toBe(false);
  });

  it('fails with a one-line reason for an input that is not a PDF', () => {
    const bad = path.join(env.dir, 'bad.pdf');
    writeFileSync(bad, 'garbage');
    const out = path.join(env.dir, 'bad-out.pdf');
    const r = cli('sign', bad, out, '--p12', p12, '--password', env.pki.password);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    const v = cli('verify', bad, '--json');
    expect(v.status).not.toBe(0);
    expect(v.stdout).toBe('');
    expect(v.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints {"signatures": []} for an unsigned PDF', () => {
    const r = cli('verify', input, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ signatures: [] });
  });
});
