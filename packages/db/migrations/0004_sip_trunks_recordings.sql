CREATE TABLE "call_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"node_id" text,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"duration_ms" integer NOT NULL,
	"ended_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_recordings_ended_by" CHECK ("call_recordings"."ended_by" in ('key', 'silence', 'max-length', 'hangup')),
	CONSTRAINT "call_recordings_duration" CHECK ("call_recordings"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sip_trunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"fqdn" text,
	"addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sip_trunks_tenant_name_unique" UNIQUE("tenant_id","name"),
	CONSTRAINT "sip_trunks_fqdn_unique" UNIQUE("fqdn"),
	CONSTRAINT "sip_trunks_fqdn_lower_case" CHECK ("sip_trunks"."fqdn" = lower("sip_trunks"."fqdn")),
	CONSTRAINT "sip_trunks_fqdn_or_address" CHECK ("sip_trunks"."fqdn" is not null or cardinality("sip_trunks"."addresses") > 0)
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "sip_target" text;--> statement-breakpoint
ALTER TABLE "call_recordings" ADD CONSTRAINT "call_recordings_call_fk" FOREIGN KEY ("tenant_id","call_id") REFERENCES "public"."calls"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_trunks" ADD CONSTRAINT "sip_trunks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_recordings_tenant_created_idx" ON "call_recordings" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "call_recordings_call_idx" ON "call_recordings" USING btree ("tenant_id","call_id");--> statement-breakpoint
CREATE INDEX "sip_trunks_addresses_idx" ON "sip_trunks" USING gin ("addresses");