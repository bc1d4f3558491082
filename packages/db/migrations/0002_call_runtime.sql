CREATE TABLE "routing_generations" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "ended_by" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "checkpoint_seq" integer;--> statement-breakpoint
ALTER TABLE "routing_generations" ADD CONSTRAINT "routing_generations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_channel_external_id_unique" ON "calls" USING btree ("channel","external_id") WHERE "calls"."external_id" is not null;