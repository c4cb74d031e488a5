CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"job_id" text NOT NULL,
	"priority" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "exchange_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"organ_id" text NOT NULL,
	"base_url" text,
	"remote_peer_id" text,
	"secret_ciphertext" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_deliveries" (
	"receipt_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_deliveries_receipt_id_organization_id_pk" PRIMARY KEY("receipt_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "inbound_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"peer_id" uuid NOT NULL,
	"sender_organ_id" text NOT NULL,
	"document_id" text NOT NULL,
	"kind" text NOT NULL,
	"recipient_organ_ids" text[] NOT NULL,
	"idempotency_key" text NOT NULL,
	"raw_storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"header" jsonb NOT NULL,
	"business" jsonb,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'accepted' NOT NULL,
	"error" text,
	"unknown_recipients" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbound_statuses" (
	"receipt_id" uuid PRIMARY KEY NOT NULL,
	"peer_id" uuid NOT NULL,
	"sender_organ_id" text NOT NULL,
	"document_id" text NOT NULL,
	"status_code" text NOT NULL,
	"description" text,
	"status_timestamp" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_statuses" (
	"receipt_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status_code" text NOT NULL,
	"description" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_statuses_receipt_id_organization_id_status_code_pk" PRIMARY KEY("receipt_id","organization_id","status_code")
);
--> statement-breakpoint
CREATE TABLE "approval_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"draft_version" integer NOT NULL,
	"current_order" integer,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_step_approvers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"step_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"decision" text,
	"comment" text,
	"decided_at" timestamp with time zone,
	"acted_by" uuid,
	"acting_for_id" uuid,
	"authority_prefix" text,
	"delegation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "approval_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instance_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step_index" integer NOT NULL,
	"order" integer NOT NULL,
	"name" text NOT NULL,
	"required" integer,
	"is_signing_step" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"activated_at" timestamp with time zone,
	"due_date" date,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"organization_id" uuid NOT NULL,
	"type_name" text,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delegator_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"authority_prefix" text NOT NULL,
	"note" text,
	"parent_delegation_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "draft_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"page" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "draft_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"main_file_id" uuid NOT NULL,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"drafting_unit_id" uuid NOT NULL,
	"drafter_id" uuid NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"approved_at" timestamp with time zone,
	"signer_user_id" uuid,
	"signer_acting_for_id" uuid,
	"signer_authority" text,
	"rejected_reason" text
);
--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_receipt_id_inbound_packages_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."inbound_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_packages" ADD CONSTRAINT "inbound_packages_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_statuses" ADD CONSTRAINT "inbound_statuses_receipt_id_inbound_packages_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."inbound_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_statuses" ADD CONSTRAINT "inbound_statuses_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_statuses" ADD CONSTRAINT "outbound_statuses_receipt_id_inbound_packages_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."inbound_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_statuses" ADD CONSTRAINT "outbound_statuses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_instances" ADD CONSTRAINT "approval_instances_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_instances" ADD CONSTRAINT "approval_instances_template_id_approval_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."approval_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_instances" ADD CONSTRAINT "approval_instances_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_step_approvers" ADD CONSTRAINT "approval_step_approvers_step_id_approval_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."approval_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_step_approvers" ADD CONSTRAINT "approval_step_approvers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_step_approvers" ADD CONSTRAINT "approval_step_approvers_acted_by_users_id_fk" FOREIGN KEY ("acted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_step_approvers" ADD CONSTRAINT "approval_step_approvers_acting_for_id_users_id_fk" FOREIGN KEY ("acting_for_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_step_approvers" ADD CONSTRAINT "approval_step_approvers_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_instance_id_approval_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."approval_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_templates" ADD CONSTRAINT "approval_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_templates" ADD CONSTRAINT "approval_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_delegator_id_users_id_fk" FOREIGN KEY ("delegator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_delegate_id_users_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_parent_delegation_id_delegations_id_fk" FOREIGN KEY ("parent_delegation_id") REFERENCES "public"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_comments" ADD CONSTRAINT "draft_comments_version_id_draft_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."draft_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_comments" ADD CONSTRAINT "draft_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_main_file_id_document_files_id_fk" FOREIGN KEY ("main_file_id") REFERENCES "public"."document_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_drafting_unit_id_organizations_id_fk" FOREIGN KEY ("drafting_unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_drafter_id_users_id_fk" FOREIGN KEY ("drafter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_signer_acting_for_id_users_id_fk" FOREIGN KEY ("signer_acting_for_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_job_id_uq" ON "outbox" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("priority","id") WHERE "outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("published_at") WHERE "outbox"."published_at" is not null and "outbox"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "exchange_peers_organ_id_idx" ON "exchange_peers" USING btree ("organ_id");--> statement-breakpoint
CREATE INDEX "inbound_deliveries_document_idx" ON "inbound_deliveries" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_packages_idempotency_uq" ON "inbound_packages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "inbound_packages_created_idx" ON "inbound_packages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "inbound_statuses_document_idx" ON "inbound_statuses" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "approval_instances_document_idx" ON "approval_instances" USING btree ("document_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "approval_step_approvers_step_user_uq" ON "approval_step_approvers" USING btree ("step_id","user_id");--> statement-breakpoint
CREATE INDEX "approval_step_approvers_user_idx" ON "approval_step_approvers" USING btree ("user_id","decision");--> statement-breakpoint
CREATE INDEX "approval_steps_instance_idx" ON "approval_steps" USING btree ("instance_id","round","order");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_templates_family_version_uq" ON "approval_templates" USING btree ("family_id","version");--> statement-breakpoint
CREATE INDEX "approval_templates_org_type_idx" ON "approval_templates" USING btree ("organization_id","type_name","created_at" DESC NULLS LAST) WHERE "approval_templates"."current";--> statement-breakpoint
CREATE INDEX "delegations_delegate_idx" ON "delegations" USING btree ("delegate_id","valid_to");--> statement-breakpoint
CREATE INDEX "delegations_delegator_idx" ON "delegations" USING btree ("delegator_id","valid_to");--> statement-breakpoint
CREATE INDEX "draft_comments_version_idx" ON "draft_comments" USING btree ("version_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "draft_versions_document_version_uq" ON "draft_versions" USING btree ("document_id","version");