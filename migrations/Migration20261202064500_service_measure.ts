import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064500_service_measure extends Migration {

  override name = 'Migration20261202064500_service_measure';

  override up(): void | Promise<void> {
    // The third work measure [D 四(三), A 四(二)] (src/modules/service, docs/service.md): service
    // organisations get a status, specialties, regions served and a contact person; their members,
    // the bureaus' selected quality teams, service stations at demonstration enterprises (one
    // requested, approved or open station per enterprise: a partial unique index), commissioners'
    // dispatches and the service records every service leaves.
    this.addSql(`create table "selected_service_team" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "organization_id" uuid not null, "year" int not null, "bureau_code" varchar(6) not null, "term_starts_on" date not null, "term_ends_on" date not null, "note" text null, "selected_by" varchar(64) not null, "revoked_on" date null, "revoke_reason" text null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "selected_service_team_year_idx" on "selected_service_team" ("year", "created_at", "id");`);
    this.addSql(`alter table "selected_service_team" add constraint "selected_service_team_unique" unique ("organization_id", "year", "bureau_code");`);

    this.addSql(`create table "organization_member" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "organization_id" uuid not null, "person_id" uuid not null, "role" text not null, "qualifications" jsonb not null default '[]', "starts_on" date not null, "ends_on" date null, "ended_on" date null, "end_reason" text null, "added_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "organization_member_person_idx" on "organization_member" ("person_id");`);
    this.addSql(`create index "organization_member_organization_idx" on "organization_member" ("organization_id", "created_at", "id");`);

    this.addSql(`create table "commissioner_dispatch" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "person_id" uuid not null, "organization_id" uuid not null, "enterprise_id" uuid not null, "bureau_code" varchar(6) not null, "purpose" text not null, "starts_on" date not null, "ends_on" date not null, "ended_on" date null, "end_reason" text null, "dispatched_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "commissioner_dispatch_starts_idx" on "commissioner_dispatch" ("starts_on", "id");`);
    this.addSql(`create index "commissioner_dispatch_organization_idx" on "commissioner_dispatch" ("organization_id");`);
    this.addSql(`create index "commissioner_dispatch_enterprise_idx" on "commissioner_dispatch" ("enterprise_id");`);
    this.addSql(`create index "commissioner_dispatch_person_idx" on "commissioner_dispatch" ("person_id", "starts_on");`);

    this.addSql(`create table "service_station" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "status" text not null default 'REQUESTED', "requested_on" date not null, "request_note" text not null, "requested_by" varchar(64) not null, "organization_id" uuid null, "decided_on" date null, "decided_by" varchar(64) null, "decision_note" text null, "opened_on" date null, "closed_on" date null, "close_reason" text null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "service_station_created_idx" on "service_station" ("created_at", "id");`);
    this.addSql(`create index "service_station_organization_idx" on "service_station" ("organization_id");`);
    this.addSql(`create index "service_station_enterprise_idx" on "service_station" ("enterprise_id");`);
    this.addSql(`create unique index "service_station_open_unique" on "service_station" ("enterprise_id") where "status" in ('REQUESTED', 'APPROVED', 'OPEN');`);

    this.addSql(`create table "service_record" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "organization_id" uuid not null, "type" text not null, "served_on" date not null, "hours" double precision not null, "summary" text not null, "outcome" text null, "delivered_by" jsonb not null default '[]', "attachment_ids" jsonb not null default '[]', "station_id" uuid null, "dispatch_id" uuid null, "status" text not null default 'RECORDED', "void_reason" text null, "recorded_by" varchar(64) not null, "recorder_role" varchar(32) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "service_record_served_idx" on "service_record" ("served_on", "id");`);
    this.addSql(`create index "service_record_dispatch_idx" on "service_record" ("dispatch_id");`);
    this.addSql(`create index "service_record_station_idx" on "service_record" ("station_id");`);
    this.addSql(`create index "service_record_organization_idx" on "service_record" ("organization_id", "served_on");`);
    this.addSql(`create index "service_record_enterprise_idx" on "service_record" ("enterprise_id", "served_on", "id");`);

    this.addSql(`alter table "service_organization" add "status" text not null default 'ACTIVE', add "status_changed_on" date null, add "status_note" text null, add "specialties" jsonb not null default '[]', add "regions_served" jsonb not null default '[]', add "address" varchar(300) null, add "description" text null, add "contact_name" varchar(100) null, add "version" int not null default 1;`);
    this.addSql(`create index "service_organization_name_idx" on "service_organization" ("name", "id");`);
    this.addSql(`alter table "service_organization" add constraint "service_organization_status_check" check ("status" in ('ACTIVE', 'SUSPENDED', 'DISSOLVED'));`);

    this.addSql(`alter table "selected_service_team" add constraint "selected_service_team_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete cascade;`);
    this.addSql(`alter table "selected_service_team" add constraint "selected_service_team_term_check" check ("term_ends_on" >= "term_starts_on");`);

    this.addSql(`alter table "organization_member" add constraint "organization_member_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete cascade;`);
    this.addSql(`alter table "organization_member" add constraint "organization_member_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);
    this.addSql(`alter table "organization_member" add constraint "organization_member_term_check" check ("ends_on" is null or "ends_on" >= "starts_on");`);
    this.addSql(`alter table "organization_member" add constraint "organization_member_role_check" check ("role" in ('LEADER', 'MEMBER', 'ADVISOR'));`);

    this.addSql(`alter table "commissioner_dispatch" add constraint "commissioner_dispatch_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete restrict;`);
    this.addSql(`alter table "commissioner_dispatch" add constraint "commissioner_dispatch_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "commissioner_dispatch" add constraint "commissioner_dispatch_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "commissioner_dispatch" add constraint "commissioner_dispatch_term_check" check ("ends_on" >= "starts_on" and ("ended_on" is null or ("ended_on" >= "starts_on" and "ended_on" < "ends_on")));`);

    this.addSql(`alter table "service_station" add constraint "service_station_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "service_station" add constraint "service_station_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "service_station" add constraint "service_station_status_check" check ("status" in ('REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'OPEN', 'CLOSED'));`);

    this.addSql(`alter table "service_record" add constraint "service_record_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "service_record" add constraint "service_record_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "service_record" add constraint "service_record_station_id_foreign" foreign key ("station_id") references "service_station" ("id") on delete set null;`);
    this.addSql(`alter table "service_record" add constraint "service_record_dispatch_id_foreign" foreign key ("dispatch_id") references "commissioner_dispatch" ("id") on delete set null;`);
    this.addSql(`alter table "service_record" add constraint "service_record_type_check" check ("type" in ('CONSULTATION', 'STATION_WORK', 'COMMISSIONER_VISIT', 'STANDARD_GUIDANCE', 'PATENT_ANALYSIS', 'EXHIBITION_LEGAL_SERVICE', 'TRAINING', 'RIGHTS_PROTECTION', 'OTHER'));`);
    this.addSql(`alter table "service_record" add constraint "service_record_status_check" check ("status" in ('RECORDED', 'VOIDED'));`);

    this.addSql(`select ip_track_data_version('organization_member');`);
    this.addSql(`select ip_track_data_version('selected_service_team');`);
    this.addSql(`select ip_track_data_version('service_station');`);
    this.addSql(`select ip_track_data_version('commissioner_dispatch');`);
    this.addSql(`select ip_track_data_version('service_record');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "service_record" cascade;`);
    this.addSql(`drop table if exists "service_station" cascade;`);
    this.addSql(`drop table if exists "commissioner_dispatch" cascade;`);
    this.addSql(`drop table if exists "organization_member" cascade;`);
    this.addSql(`drop table if exists "selected_service_team" cascade;`);
    this.addSql(`drop index if exists "service_organization_name_idx";`);
    this.addSql(`alter table "service_organization" drop constraint if exists "service_organization_status_check";`);
    this.addSql(`alter table "service_organization" drop column "status", drop column "status_changed_on", drop column "status_note", drop column "specialties", drop column "regions_served", drop column "address", drop column "description", drop column "contact_name", drop column "version";`);
  }

}
