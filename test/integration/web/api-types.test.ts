import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { API_TYPES_PATH, generateApiTypes } from '../../../scripts/web/api-types.js';

describe('web app API types', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it('the committed src/web/src/api/schema.d.ts matches /docs/json (run `npm run web:api-types` after changing a route schema)', async () => {
    const committed = await readFile(API_TYPES_PATH, 'utf8');
    expect(committed === (await generateApiTypes(ctx.app)), 'the web app API types have drifted: run `npm run web:api-types`').toBe(true);
  });
});
