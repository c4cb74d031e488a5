import { expect } from 'vitest';
import type { TestContext } from '../../helpers/context.js';

export type Person = {
  id: string;
  fullName: string;
  title: string | null;
  organization: { id: string; name: string };
  roles: { organizationId: string; organizationName: string; role: string }[];
  username?: string;
  email?: string | null;
  active?: boolean;
};

export type Unit = { id: string; name: string; code: string | null; level: string; validTo: string | null };

/** Helpers over the people and unit pickers of one test file's context. */
export function pickers(ctx: TestContext) {
  async function page<T>(url: string, as: string): Promise<{ items: T[]; nextCursor: string | null }> {
    const res = await ctx.request({ method: 'GET', url, as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Every page of a picker, followed through its cursors. */
  async function all<T>(path: string, as: string, query: Record<string, string> = {}, limit = 100): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
      const res: { items: T[]; nextCursor: string | null } = await page<T>(`/api/v1/${path}?${params}`, as);
      items.push(...res.items);
      cursor = res.nextCursor;
    } while (cursor);
    return items;
  }

  return {
    /** GET /users?q= as `as`, every page. */
    people: (as: string, q?: string, limit?: number) => all<Person>('users', as, q === undefined ? {} : { q }, limit),
    /** GET /organizations?q= as `as`, every page. */
    units: (as: string, q?: string, limit?: number) => all<Unit>('organizations', as, q === undefined ? {} : { q }, limit),
    /** The usernames of people, from the database (the picker does not show usernames to non-admins). */
    async usernames(people: { id: string }[]): Promise<string[]> {
      if (people.length === 0) return [];
      const rows = await ctx.sql<
        { username: string }[]
      >`select username from users where id = any(${people.map((p) => p.id)}::uuid[]) order by username`;
      return rows.map((r) => r.username);
    },
    async userId(username: string): Promise<string> {
      const [row] = await ctx.sql<{ id: string }[]>`select id from users where username = ${username}`;
      return row.id;
    },
    async orgByCode(code: string): Promise<string> {
      const [row] = await ctx.sql<{ id: string }[]>`select id from organizations where code = ${code} and valid_to is null`;
      return row.id;
    },
  };
}

/** Demo units by code (scripts/seed/demo-province.ts). */
export const CODES = {
  province: '000.00.00.H41',
  vinh: '000.00.30.H41',
  cuaLo: '000.00.31.H41',
  benThuy: '000.01.30.H41',
};
