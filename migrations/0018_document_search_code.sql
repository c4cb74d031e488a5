-- GET /documents?q=: the search text now begins with the full số/ký hiệu ("01/qd-ubnd": people type
-- number and notation together, the record keeps them apart) and ends with the issuer's name and the
-- số đến (documents.service.ts searchTextOf). The same text, in SQL, for the rows already there.
UPDATE "documents" d SET "search_text" = vanthu_fold(concat_ws(' ',
    CASE WHEN d.number <> '' AND d.notation <> '' AND NOT starts_with(d.notation, d.number || '/') THEN d.number || '/' || d.notation END,
    nullif(d.number, ''),
    nullif(d.notation, ''),
    d.subject,
    -- A document this system issued (outgoing, numbered from a register) names its organisation.
    coalesce(nullif(d.issuer_name, ''), CASE WHEN d.direction = 'outgoing' AND d.register_id IS NOT NULL THEN o.name END),
    d.incoming_number::text))
  FROM "organizations" o
 WHERE o.id = d.owner_organization_id;
