-- exchange.send-status names its units in a list (organizationIds): an intake's statuses are one
-- job for all its recipients. A job still owed (its row not completed) is rewritten here so the
-- relay publishes it in the form the worker checks; its job id does not change.
UPDATE "outbox"
   SET "payload" = ("payload" - 'organizationId') || jsonb_build_object('organizationIds', jsonb_build_array("payload"->'organizationId'))
 WHERE "name" = 'exchange.send-status' AND "completed_at" IS NULL AND "payload" ? 'organizationId';
