import { Migration } from '@mikro-orm/migrations';

/** Issue 17: protection cases (R20) with their deadlines, append-only timeline and participants, and the deadline targets; tracked by the data version. */
export class Migration20261202172907_protection_cases extends Migration {
  override name = 'Migration20261202172907_protection_cases';

  override up(): void | Promise<void> {
    this.addSql(`create table "protection_case_target" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "channel" text not null, "type" text not null, "urgency" text not null, "first_response_minutes" int not null, "feedback_minutes" int not null, "resolution_minutes" int not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "protection_case_target" add constraint "protection_case_target_unique" unique ("channel", "type", "urgency");`);
    this.addSql(`create table "protection_case" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "channel" text not null, "enterprise_id" uuid not null, "type" text not null, "urgency" text not null, "country_code" varchar(2) null, "handler_id" uuid not null, "title" varchar(200) not null, "description" text not null, "counterparty" varchar(200) null, "status" text not null default 'RECEIVED', "outcome" text null, "received_at" timestamptz(3) not null, "closed_at" timestamptz(3) null, "reported_by" varchar(64) not null, "reporter_kind" varchar(20) not null, "paused_since" timestamptz(3) null, "pauses" jsonb not null default '[]', "used_ms" double precision not null default 0, "clock_since" timestamptz(3) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "protection_case_handler_idx" on "protection_case" ("handler_id", "status");`);
    this.addSql(`create index "protection_case_enterprise_idx" on "protection_case" ("enterprise_id", "created_at");`);
    this.addSql(`create index "protection_case_created_idx" on "protection_case" ("created_at", "id");`);
    this.addSql(`create table "protection_case_participant" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "protection_case_id" uuid not null, "kind" text not null, "person_id" uuid null, "organization_id" uuid null, "alliance_id" uuid null, "role" varchar(200) not null, "added_by" varchar(64) not null, "ended_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create unique index "protection_case_participant_current" on "protection_case_participant" ("protection_case_id", "kind", coalesce("person_id", "organization_id", "alliance_id")) where "ended_at" is null;`);
    this.addSql(`create index "protection_case_participant_case_idx" on "protection_case_participant" ("protection_case_id", "created_at");`);
    this.addSql(`create table "protection_case_event" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "protection_case_id" uuid not null, "at" timestamptz(3) not null, "kind" text not null, "side" varchar(20) not null, "by" varchar(64) not null, "body" text null, "measure" text null, "attachment_ids" jsonb not null default '[]', primary key ("id"));`);
    this.addSql(`create index "protection_case_event_attachments_idx" on "protection_case_event" using gin ("attachment_ids" jsonb_path_ops);`);
    this.addSql(`create index "protection_case_event_case_idx" on "protection_case_event" ("protection_case_id", "at", "id");`);
    this.addSql(`create table "protection_case_deadline" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "protection_case_id" uuid not null, "clock" text not null, "target_minutes" int not null, "due_at" timestamptz(3) null, "warn_at" timestamptz(3) null, "met_at" timestamptz(3) null, "met_business_hours" double precision null, primary key ("id"));`);
    this.addSql(`create index "protection_case_deadline_open_idx" on "protection_case_deadline" ("due_at") where "met_at" is null;`);
    this.addSql(`alter table "protection_case_deadline" add constraint "protection_case_deadline_unique" unique ("protection_case_id", "clock");`);
    this.addSql(`alter table "protection_case_target" add constraint "protection_case_target_order_check" check ("first_response_minutes" > 0 and "first_response_minutes" <= "feedback_minutes" and "feedback_minutes" <= "resolution_minutes");`);
    this.addSql(`alter table "protection_case_target" add constraint "protection_case_target_channel_check" check ("channel" in ('OVERSEAS', 'DOMESTIC'));`);
    this.addSql(`alter table "protection_case_target" add constraint "protection_case_target_type_check" check ("type" in ('INFRINGEMENT_CLAIM', 'RIGHTS_INFRINGED', 'CUSTOMS_SEIZURE', 'EXHIBITION_DISPUTE', 'LITIGATION', 'INFORMATION_NEED'));`);
    this.addSql(`alter table "protection_case_target" add constraint "protection_case_target_urgency_check" check ("urgency" in ('NORMAL', 'URGENT', 'CRITICAL'));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_handler_id_foreign" foreign key ("handler_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_closed_check" check (("status" = 'CLOSED') = ("outcome" is not null) and ("status" <> 'CLOSED' or "paused_since" is null));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_country_check" check (("channel" = 'OVERSEAS') = ("country_code" is not null) and ("country_code" is null or "country_code" ~ '^[A-Z]{2}\$'));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_channel_check" check ("channel" in ('OVERSEAS', 'DOMESTIC'));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_type_check" check ("type" in ('INFRINGEMENT_CLAIM', 'RIGHTS_INFRINGED', 'CUSTOMS_SEIZURE', 'EXHIBITION_DISPUTE', 'LITIGATION', 'INFORMATION_NEED'));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_urgency_check" check ("urgency" in ('NORMAL', 'URGENT', 'CRITICAL'));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_status_check" check ("status" in ('RECEIVED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'RESPONDING', 'CLOSED'));`);
    this.addSql(`alter table "protection_case" add constraint "protection_case_outcome_check" check ("outcome" in ('RESOLVED', 'UNRESOLVED', 'REFERRED', 'WITHDRAWN'));`);
    this.addSql(`alter table "protection_case_participant" add constraint "protection_case_participant_protection_case_id_foreign" foreign key ("protection_case_id") references "protection_case" ("id") on delete cascade;`);
    this.addSql(`alter table "protection_case_participant" add constraint "protection_case_participant_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete restrict;`);
    this.addSql(`alter table "protection_case_participant" add constraint "protection_case_participant_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "protection_case_participant" add constraint "protection_case_participant_alliance_id_foreign" foreign key ("alliance_id") references "patent_alliance" ("id") on delete restrict;`);
    this.addSql(`alter table "protection_case_participant" add constraint "protection_case_participant_ref_check" check (("kind" = 'EXPERT') = ("person_id" is not null) and ("kind" = 'ORGANIZATION') = ("organization_id" is not null) and ("kind" = 'ALLIANCE_FUND') = ("alliance_id" is not null));`);
    this.addSql(`alter table "protection_case_participant" add constraint "protection_case_participant_kind_check" check ("kind" in ('EXPERT', 'ORGANIZATION', 'ALLIANCE_FUND'));`);
    this.addSql(`alter table "protection_case_event" add constraint "protection_case_event_protection_case_id_foreign" foreign key ("protection_case_id") references "protection_case" ("id") on delete cascade;`);
    this.addSql(`alter table "protection_case_event" add constraint "protection_case_event_kind_check" check ("kind" in ('REPORTED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'RESPONDING', 'CLOSED', 'NOTE', 'WAITING_ON_ENTERPRISE', 'RESUMED', 'REASSIGNED', 'PARTICIPANT_ADDED', 'PARTICIPANT_ENDED', 'MEASURE', 'DEADLINES_MOVED'));`);
    this.addSql(`alter table "protection_case_event" add constraint "protection_case_event_measure_check" check ("measure" in ('TRACKING', 'MONITORING', 'SPECIAL_GUIDANCE', 'FAST_PROTECTION'));`);
    this.addSql(`alter table "protection_case_deadline" add constraint "protection_case_deadline_protection_case_id_foreign" foreign key ("protection_case_id") references "protection_case" ("id") on delete cascade;`);
    this.addSql(`alter table "protection_case_deadline" add constraint "protection_case_deadline_clock_check" check ("clock" in ('FIRST_RESPONSE', 'FEEDBACK', 'RESOLUTION'));`);

    // The timeline is append-only: an event is never changed or deleted (only with its case).
    this.addSql(`create or replace function protection_case_event_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and pg_trigger_depth() > 1 then return old; end if;
        raise exception 'the timeline of a protection case is append-only' using errcode = 'check_violation';
      end $$;`);
    this.addSql(`create trigger protection_case_event_append_only before update or delete on "protection_case_event" for each row execute function protection_case_event_append_only();`);
    this.addSql(`create trigger protection_case_event_no_truncate before truncate on "protection_case_event" for each statement execute function protection_case_event_append_only();`);

    this.addSql(`select ip_track_data_version('protection_case_target');`);
    this.addSql(`select ip_track_data_version('protection_case');`);
    this.addSql(`select ip_track_data_version('protection_case_participant');`);
    this.addSql(`select ip_track_data_version('protection_case_event');`);
    this.addSql(`select ip_track_data_version('protection_case_deadline');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "protection_case_participant" cascade;`);
    this.addSql(`drop table if exists "protection_case_event" cascade;`);
    this.addSql(`drop table if exists "protection_case_deadline" cascade;`);
    this.addSql(`drop table if exists "protection_case" cascade;`);
    this.addSql(`drop table if exists "protection_case_target" cascade;`);
    this.addSql(`drop function if exists protection_case_event_append_only();`);
  }
}
