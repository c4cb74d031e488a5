import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REAL_STATUS_CASES, REAL_STATUS_RESPONSE_FOR } from './helpers.js';

// The one place in the unit tier that spawns a process: the CLI contract is about the process
// (stdout holds only JSON, stderr one line, the exit status), so it is checked from outside.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

type Run = { code: number; stdout: string; stderr: string };

// tsx straight from node_modules: through npx each run also started npm, which under a loaded CI
// machine made the parallel runs of one test exceed its time limit.
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/cli.ts', 'edxml', ...args], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const fixturePath = (name: string): string => fileURLToPath(new URL(name, FIXTURES));

const pick = (o: Record<string, unknown>, keys: string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, o[k]]));

describe('cli edxml parse --json', { timeout: 180_000 }, () => {
  it('prints exactly the contract for a document package', async () => {
    const run = await cli('parse', fixturePath('sample-domain-1.7.edxml'), '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      kind: 'edoc',
      from: { organId: '000.00.00.H99', organName: 'UBND tỉnh Thử Nghiệm' },
      to: [{ organId: '000.00.05.H99', organName: 'Sở Mẫu' }],
      documentId: '000.00.00.H99,2026/03/02,15/QĐ-UBND',
      code: { number: '15', notation: 'QĐ-UBND' },
      promulgation: { place: 'Thử Nghiệm', date: '2026-03-02' },
      documentType: { type: 1, typeName: 'Quyết định' },
      subject: 'Về việc thành lập tổ công tác mẫu',
      priority: 1,
      steeringType: 0,
      businessType: 0,
      attachments: [
        {
          name: '15-QD-UBND.pdf',
          contentType: 'application/pdf',
          size: 38,
          sha256: '4617ec24d284f706f5c461b8955af267924787785d292fb2498245f3aa2e2aee',
        },
      ],
    });
    expect(Object.keys(out.from as object).sort()).toEqual(['organId', 'organName']);
    expect(Object.keys((out.attachments as object[])[0]).sort()).toEqual(['contentType', 'name', 'sha256', 'size']);
  });

  it('prints null for absent fields', async () => {
    const run = await cli('parse', fixturePath('minimal-no-namespace.edxml'), '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'edoc',
      from: { organId: 'vxp.saas.03', organName: null },
      documentId: null,
      promulgation: { place: null, date: '2026-01-05' },
      documentType: { type: null, typeName: null },
      priority: null,
      steeringType: null,
      businessType: null,
      attachments: [],
    });
  });

  it('prints exactly the contract for every real-shaped status package (MessageHeader with StatusCode, no To)', async () => {
    const runs = await Promise.all(REAL_STATUS_CASES.map((c) => cli('parse', fixturePath(c.file), '--json')));
    for (const [i, run] of runs.entries()) {
      const { file, statusCode, from, description } = REAL_STATUS_CASES[i];
      expect({ file, stderr: run.stderr, code: run.code }).toEqual({ file, stderr: '', code: 0 });
      const out = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(pick(out, ['kind', 'from', 'statusCode', 'description', 'responseFor'])).toEqual({
        kind: 'status',
        from,
        statusCode,
        description,
        responseFor: REAL_STATUS_RESPONSE_FOR,
      });
      expect(Object.keys(out.from as object).sort()).toEqual(['organId', 'organName']);
      expect(Object.keys(out.responseFor as object).sort()).toEqual(['code', 'documentId', 'organId', 'promulgationDate']);
    }
  });

  it('prints the contract for a status package of the older Status form', async () => {
    const run = await cli('parse', fixturePath('legacy-status-03.edxml'), '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'status',
      from: { organId: '000.00.05.H99', organName: 'Sở Mẫu' },
      statusCode: '03',
      description: 'Đã vào sổ',
      responseFor: {
        organId: '000.00.00.H99',
        code: '15/QĐ-UBND',
        promulgationDate: '2026-03-02',
        documentId: '000.00.00.H99,2026/03/02,15/QĐ-UBND',
      },
    });
  });

  it('refuses a document package without To (no StatusCode): exit 1, the reason on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edxml-cli-'));
    const noTo = join(dir, 'no-to.edxml');
    writeFileSync(noTo, readFileSync(fixturePath('sample-domain-1.7.edxml'), 'utf8').replace(/<edXML:To>.*?<\/edXML:To>/s, ''));
    const run = await cli('parse', noTo, '--json');
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'refused: MessageHeader has no To (at least one recipient is required)\n' });
  });

  it('refuses a hostile or broken package: non-zero exit, nothing on stdout, one line on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edxml-cli-'));
    const broken = join(dir, 'broken.edxml');
    writeFileSync(broken, '<edXML><MessageHeader><Subject>x</MessageHeader></edXML>');
    for (const file of [fixturePath('xxe.edxml'), fixturePath('billion-laughs.edxml'), broken]) {
      const run = await cli('parse', file, '--json');
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    const usage = await cli('frobnicate');
    expect(usage.code).toBe(2);
  });
});
