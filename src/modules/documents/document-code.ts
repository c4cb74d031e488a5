import { sql, type SQL } from 'drizzle-orm';

/**
 * Số/ký hiệu as printed, in SQL over the documents row aliased `alias`: "01/QĐ-UBND" from number 01
 * and notation QĐ-UBND; a notation that already holds its number ("12/2025/QĐ-UBND") as it is; null
 * before the document has either. Lists show it as one field, the way people read and type it.
 */
export function documentCodeSql(alias: string): SQL<string | null> {
  const t = sql.raw(`"${alias.replace(/"/g, '')}"`);
  return sql<string | null>`(case
    when coalesce(${t}.number, '') <> '' and coalesce(${t}.notation, '') <> '' and not starts_with(${t}.notation, ${t}.number || '/')
      then ${t}.number || '/' || ${t}.notation
    else coalesce(nullif(${t}.notation, ''), nullif(${t}.number, '')) end)`;
}
