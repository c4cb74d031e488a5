import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../auth/principal.js';
import { uuidArray } from '../../db/sql-arrays.js';

/**
 * The `documents` table, or an alias of it (`alias(documents, 'd')`), as the query names it: the
 * condition refers to that table's columns, whatever the query calls it.
 */
export type DocumentsTable = { id: AnyPgColumn; ownerOrganizationId: AnyPgColumn; confidentiality: AnyPgColumn };

function ltreeArray(paths: string[]): SQL {
  return paths.length === 0
    ? sql`array[]::ltree[]`
    : sql`array[${sql.join(
        paths.map((p) => sql`${p}::ltree`),
        sql`, `,
      )}]`;
}

/**
 * Who may see a document of `doc` (the documents table or an alias of it, as the query names it),
 * as one SQL condition (used by single reads and by every list, so the rule exists once):
 * - normal documents: the owner organisation's clerks; leaders of the owner organisation or of any
 *   ancestor; the users and units it is assigned to (a unit's clerks and leaders act for the unit);
 *   the heads (leaders) of an assigned user's unit;
 * - confidential documents (mật and above): only users granted it explicitly.
 * Everything else answers 404.
 */
export function visibleDocumentCondition(p: Principal, doc: DocumentsTable): SQL {
  const clerkOrgs = p.grants.filter((g) => g.role === 'clerk').map((g) => g.organizationId);
  const leaderOrgs = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationId);
  const leaderPaths = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationPath);
  const unitActorOrgs = [...new Set([...clerkOrgs, ...leaderOrgs])];

  const normal = sql`(
    ${doc.ownerOrganizationId} = any(${uuidArray(clerkOrgs)})
    or exists (select 1 from organizations o where o.id = ${doc.ownerOrganizationId} and o.path <@ ${ltreeArray(leaderPaths)})
    or exists (
      select 1 from assignments a
       where a.document_id = ${doc.id}
         and (a.assignee_user_id = ${p.id}::uuid
              or a.assignee_unit_id = any(${uuidArray(unitActorOrgs)})
              or exists (select 1 from users u where u.id = a.assignee_user_id and u.organization_id = any(${uuidArray(leaderOrgs)})))
    )
  )`;
  const granted = sql`exists (select 1 from document_access_grants g where g.document_id = ${doc.id} and g.user_id = ${p.id}::uuid)`;
  return sql`((${doc.confidentiality} = 'normal' and ${normal}) or ${granted})`;
}
