import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064355_liaison extends Migration {

  override name = 'Migration20261202064355_liaison';

  override up(): void | Promise<void> {
    // The enterprise side of the daily contact between bureaus and enterprises [D 五(一)]: liaisons
    // (R16: at most one current per enterprise, a partial unique index) and the bureaus' reminders,
    // quarterly work information reports, needs with their append-only events, contact records.
    this.addSql(`create table "liaison_reminder" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "bureau_code" varchar(6) not null, "reminded_by" varchar(64) not null, "reminded_at" timestamptz(3) not null, "message" text not null, primary key ("id"));`);
    this.addSql(`create index "liaison_reminder_reminded_at_id_idx" on "liaison_reminder" ("reminded_at", "id");`);
    this.addSql(`create index "liaison_reminder_enterprise_at_idx" on "liaison_reminder" ("enterprise_id", "reminded_at");`);

    this.addSql(`create table "enterprise_liaison" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "person_id" uuid not null, "phone" varchar(50) not null, "email" varchar(200) null, "starts_on" date not null, "ended_on" date null, "named_by" varchar(64) not null, "ended_by" varchar(64) null, "end_note" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "enterprise_liaison_person_idx" on "enterprise_liaison" ("person_id");`);
    this.addSql(`create index "enterprise_liaison_created_at_id_idx" on "enterprise_liaison" ("created_at", "id");`);
    this.addSql(`create index "enterprise_liaison_enterprise_idx" on "enterprise_liaison" ("enterprise_id", "starts_on");`);
    this.addSql(`create unique index "enterprise_liaison_current_unique" on "enterprise_liaison" ("enterprise_id") where "ended_on" is null;`);

    this.addSql(`create table "contact_record" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "bureau_code" varchar(6) not null, "contacted_on" date not null, "channel" text not null, "subject" varchar(200) not null, "summary" text not null, "follow_ups" jsonb not null, "major" boolean not null default false, "decision" text null, "internal_note" text null, "recorded_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "contact_record_enterprise_idx" on "contact_record" ("enterprise_id", "contacted_on");`);
    this.addSql(`create index "contact_record_contacted_on_id_idx" on "contact_record" ("contacted_on", "id");`);

    this.addSql(`create table "enterprise_need" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "category" text not null, "title" varchar(200) not null, "description" text not null, "urgency" text not null, "status" text not null default 'SUBMITTED', "level" text not null default 'PROVINCIAL', "assignee_kind" text null, "organization_id" uuid null, "submitted_at" timestamptz(3) not null, "submitted_on" date not null, "submitted_by" varchar(64) not null, "resolution" text null, "resolved_at" timestamptz(3) null, "resolved_by" varchar(64) null, "closed_on" date null, "reopen_count" int not null default 0, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "enterprise_need_status_idx" on "enterprise_need" ("status");`);
    this.addSql(`create index "enterprise_need_organization_idx" on "enterprise_need" ("organization_id");`);
    this.addSql(`create index "enterprise_need_enterprise_idx" on "enterprise_need" ("enterprise_id");`);
    this.addSql(`create index "enterprise_need_created_at_id_idx" on "enterprise_need" ("created_at", "id");`);

    this.addSql(`create table "need_event" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "need_id" uuid not null, "at" timestamptz(3) not null, "actor" varchar(64) not null, "actor_role" varchar(20) not null, "from_status" text null, "to_status" text not null, "note" text null, "organization_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "need_event_need_at_idx" on "need_event" ("need_id", "at");`);

    this.addSql(`create table "work_report" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "year" int not null, "period" text not null, "status" text not null default 'DRAFT', "sections" jsonb not null, "attachment_ids" jsonb not null, "updated_by" varchar(64) not null, "submitted_at" timestamptz(3) null, "submitted_by" varchar(64) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "work_report_created_at_id_idx" on "work_report" ("created_at", "id");`);
    this.addSql(`create index "work_report_year_period_status_idx" on "work_report" ("year", "period", "status");`);
    this.addSql(`alter table "work_report" add constraint "work_report_enterprise_period_unique" unique ("enterprise_id", "year", "period");`);

    this.addSql(`alter table "liaison_reminder" add constraint "liaison_reminder_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);

    this.addSql(`alter table "enterprise_liaison" add constraint "enterprise_liaison_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "enterprise_liaison" add constraint "enterprise_liaison_person_id_foreign" foreign key ("person_id") references "person" ("id");`);

    this.addSql(`alter table "contact_record" add constraint "contact_record_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "contact_record" add constraint "contact_record_major_check" check (not "major" or "decision" is not null);`);
    this.addSql(`alter table "contact_record" add constraint "contact_record_channel_check" check ("channel" in ('VISIT', 'PHONE', 'MEETING', 'ONLINE', 'LETTER'));`);

    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete no action;`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_assignee_check" check (("assignee_kind" is null and "organization_id" is null) or ("assignee_kind" = 'SERVICE_ORGANIZATION' and "organization_id" is not null));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_category_check" check ("category" in ('PATENT_NAVIGATION', 'IP_OPERATION', 'PRIORITY_EXAMINATION', 'PROTECTION', 'OVERSEAS', 'MANAGEMENT_STANDARD', 'TALENT_TRAINING', 'POLICY', 'OTHER'));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_urgency_check" check ("urgency" in ('LOW', 'NORMAL', 'HIGH', 'URGENT'));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_status_check" check ("status" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'FORWARDED', 'ASSIGNED', 'RESOLVED', 'REOPENED', 'CLOSED'));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_level_check" check ("level" in ('PROVINCIAL', 'NATIONAL'));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_assignee_kind_check" check ("assignee_kind" in ('SERVICE_ORGANIZATION'));`);

    this.addSql(`alter table "need_event" add constraint "need_event_need_id_foreign" foreign key ("need_id") references "enterprise_need" ("id");`);
    this.addSql(`alter table "need_event" add constraint "need_event_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete no action;`);
    this.addSql(`alter table "need_event" add constraint "need_event_from_status_check" check ("from_status" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'FORWARDED', 'ASSIGNED', 'RESOLVED', 'REOPENED', 'CLOSED'));`);
    this.addSql(`alter table "need_event" add constraint "need_event_to_status_check" check ("to_status" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'FORWARDED', 'ASSIGNED', 'RESOLVED', 'REOPENED', 'CLOSED'));`);

    this.addSql(`alter table "work_report" add constraint "work_report_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "work_report" add constraint "work_report_period_check" check ("period" in ('Q1', 'Q2', 'Q3', 'Q4'));`);
    this.addSql(`alter table "work_report" add constraint "work_report_status_check" check ("status" in ('DRAFT', 'SUBMITTED'));`);

    // A need's history is never rewritten: need_event refuses updates and deletes.
    this.addSql(`create function ip_need_event_append_only() returns trigger language plpgsql as \$\$
      begin
        raise exception 'need_event is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end \$\$;`);
    this.addSql(`create trigger "need_event_append_only" before update or delete on "need_event" for each row execute function ip_need_event_append_only();`);

    this.addSql(`select ip_track_data_version('enterprise_liaison');`);
    this.addSql(`select ip_track_data_version('liaison_reminder');`);
    this.addSql(`select ip_track_data_version('work_report');`);
    this.addSql(`select ip_track_data_version('enterprise_need');`);
    this.addSql(`select ip_track_data_version('need_event');`);
    this.addSql(`select ip_track_data_version('contact_record');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "need_event_append_only" on "need_event";`);
    this.addSql(`drop function if exists ip_need_event_append_only();`);
    this.addSql(`drop table if exists "work_report" cascade;`);
    this.addSql(`drop table if exists "need_event" cascade;`);
    this.addSql(`drop table if exists "enterprise_need" cascade;`);
    this.addSql(`drop table if exists "contact_record" cascade;`);
    this.addSql(`drop table if exists "enterprise_liaison" cascade;`);
    this.addSql(`drop table if exists "liaison_reminder" cascade;`);
  }

}
