-- Published versions are history: calls, reports and replays point at them, so the database itself
-- refuses to change or remove one, whatever code (or person with psql) tries.
CREATE FUNCTION parley_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation',
          HINT = 'publish a new version or roll back to an old one instead';
END;
$$;--> statement-breakpoint
CREATE TRIGGER flow_versions_immutable BEFORE UPDATE OR DELETE ON flow_versions
  FOR EACH ROW EXECUTE FUNCTION parley_refuse_change();--> statement-breakpoint
CREATE TRIGGER flow_versions_no_truncate BEFORE TRUNCATE ON flow_versions
  FOR EACH STATEMENT EXECUTE FUNCTION parley_refuse_change();--> statement-breakpoint
-- The audit log is evidence: same rule.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION parley_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION parley_refuse_change();--> statement-breakpoint
-- The live version must be a published version of the same flow. Written here because drizzle cannot
-- declare a foreign key between two tables that reference each other.
ALTER TABLE flows ADD CONSTRAINT flows_live_version_fk
  FOREIGN KEY (id, live_version) REFERENCES flow_versions (flow_id, number);
