import { Migration } from '@mikro-orm/migrations';

export class Migration20261202093149_liaison_assignment extends Migration {

  override name = 'Migration20261202093149_liaison_assignment';

  override up(): void | Promise<void> {
    this.addSql(`create table "liaison_assignment_plan" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "bureau_code" varchar(6) not null, "mode" text not null, "status" text not null default 'DRAFT', "computed_on" date not null, "capacity_basis" text not null, "stability_weight" int not null, "balance_weight" double precision not null, "fingerprint" varchar(32) not null, "feasible" boolean not null, "shortfalls" jsonb not null default '[]', "objective" double precision not null, "stats" jsonb not null default '{}', "computed_by" varchar(64) not null, "committed_at" timestamptz(3) null, "committed_by" varchar(64) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "liaison_assignment_plan_bureau_idx" on "liaison_assignment_plan" ("bureau_code", "created_at", "id");`);

    this.addSql(`create table "liaison_officer" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "user_id" uuid not null, "bureau_code" varchar(6) not null, "name" varchar(100) not null, "person_id" uuid null, "capacity" int not null, "regions" jsonb not null default '[]', "industry_sections" jsonb not null default '[]', "languages" jsonb not null default '[]', "absences" jsonb not null default '[]', "status" text not null default 'ACTIVE', "status_changed_on" date null, "status_note" varchar(500) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "liaison_officer" add constraint "liaison_officer_user_unique" unique ("user_id");`);
    this.addSql(`create index "liaison_officer_person_idx" on "liaison_officer" ("person_id");`);
    this.addSql(`create index "liaison_officer_bureau_idx" on "liaison_officer" ("bureau_code", "name", "id");`);

    this.addSql(`create table "liaison_conflict" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "officer_id" uuid not null, "kind" text not null, "enterprise_id" uuid null, "organization_id" uuid null, "detail" varchar(500) not null, "declared_by" varchar(64) not null, "withdrawn_at" timestamptz(3) null, "withdrawn_by" varchar(64) null, primary key ("id"));`);
    this.addSql(`create index "liaison_conflict_organization_idx" on "liaison_conflict" ("organization_id");`);
    this.addSql(`create index "liaison_conflict_enterprise_idx" on "liaison_conflict" ("enterprise_id");`);
    this.addSql(`create index "liaison_conflict_officer_idx" on "liaison_conflict" ("officer_id", "created_at", "id");`);

    this.addSql(`create table "liaison_assignment" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "officer_id" uuid not null, "bureau_code" varchar(6) not null, "starts_on" date not null, "ended_on" date null, "seats" int not null, "source" text not null, "plan_id" uuid null, "reason" varchar(500) null, "factors" jsonb null, "assigned_by" varchar(64) not null, "end_reason" text null, "end_note" varchar(500) null, "ended_by" varchar(64) null, primary key ("id"));`);
    this.addSql(`create index "liaison_assignment_officer_idx" on "liaison_assignment" ("officer_id", "created_at", "id");`);
    this.addSql(`create index "liaison_assignment_enterprise_idx" on "liaison_assignment" ("enterprise_id", "created_at", "id");`);
    this.addSql(`create index "liaison_assignment_officer_current_idx" on "liaison_assignment" ("officer_id", "starts_on", "id") where "ended_on" is null;`);
    this.addSql(`create unique index "liaison_assignment_current_unique" on "liaison_assignment" ("enterprise_id", "bureau_code") where "ended_on" is null;`);

    this.addSql(`create table "liaison_assignment_plan_row" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "plan_id" uuid not null, "enterprise_id" uuid not null, "officer_id" uuid null, "previous_officer_id" uuid null, "seats" int not null, "score" double precision null, "factors" jsonb null, "edited" boolean not null default false, "note" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "liaison_assignment_plan_row_officer_idx" on "liaison_assignment_plan_row" ("plan_id", "officer_id");`);
    this.addSql(`alter table "liaison_assignment_plan_row" add constraint "liaison_assignment_plan_row_unique" unique ("plan_id", "enterprise_id");`);

    this.addSql(`alter table "programme_settings" add "liaison_capacity_basis" text not null default 'COUNT', add "liaison_stability_weight" int not null default 20;`);
    this.addSql(`alter table "programme_settings" add constraint "programme_settings_liaison_capacity_basis_check" check ("liaison_capacity_basis" in ('COUNT', 'SIZE', 'NEEDS'));`);

    this.addSql(`alter table "liaison_assignment_plan" add constraint "liaison_assignment_plan_mode_check" check ("mode" in ('UNASSIGNED', 'REBALANCE'));`);
    this.addSql(`alter table "liaison_assignment_plan" add constraint "liaison_assignment_plan_status_check" check ("status" in ('DRAFT', 'COMMITTED', 'DISCARDED'));`);
    this.addSql(`alter table "liaison_assignment_plan" add constraint "liaison_assignment_plan_capacity_basis_check" check ("capacity_basis" in ('COUNT', 'SIZE', 'NEEDS'));`);

    this.addSql(`alter table "liaison_officer" add constraint "liaison_officer_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete restrict;`);
    this.addSql(`alter table "liaison_officer" add constraint "liaison_officer_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete set null;`);
    this.addSql(`alter table "liaison_officer" add constraint "liaison_officer_capacity_check" check ("capacity" >= 1 and "capacity" <= 500);`);
    this.addSql(`alter table "liaison_officer" add constraint "liaison_officer_status_check" check ("status" in ('ACTIVE', 'OPTED_OUT', 'LEFT'));`);

    this.addSql(`alter table "liaison_conflict" add constraint "liaison_conflict_officer_id_foreign" foreign key ("officer_id") references "liaison_officer" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_conflict" add constraint "liaison_conflict_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_conflict" add constraint "liaison_conflict_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_conflict" add constraint "liaison_conflict_target_check" check (("kind" = 'SERVICE_ORGANIZATION' and "organization_id" is not null and "enterprise_id" is null) or ("kind" in ('FORMER_EMPLOYER', 'RELATIVE', 'SHAREHOLDING', 'OTHER') and "enterprise_id" is not null and "organization_id" is null));`);
    this.addSql(`alter table "liaison_conflict" add constraint "liaison_conflict_kind_check" check ("kind" in ('FORMER_EMPLOYER', 'RELATIVE', 'SHAREHOLDING', 'SERVICE_ORGANIZATION', 'OTHER', 'EMPLOYED', 'FORMER_LIAISON', 'NOMINATED', 'COMMISSIONER', 'ORGANIZATION_MEMBER'));`);

    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_officer_id_foreign" foreign key ("officer_id") references "liaison_officer" ("id") on delete restrict;`);
    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_seats_check" check ("seats" >= 1 and "seats" <= 10);`);
    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_dates_check" check ("ended_on" is null or "ended_on" >= "starts_on");`);
    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_source_check" check ("source" in ('MANUAL', 'PLAN'));`);
    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_end_reason_check" check ("end_reason" in ('REASSIGNED', 'ENDED', 'TITLE_ENDED', 'OFFICER_LEFT', 'OFFICER_OPTED_OUT', 'CONFLICT_DECLARED'));`);

    this.addSql(`alter table "liaison_assignment_plan_row" add constraint "liaison_assignment_plan_row_plan_id_foreign" foreign key ("plan_id") references "liaison_assignment_plan" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_assignment_plan_row" add constraint "liaison_assignment_plan_row_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_assignment_plan_row" add constraint "liaison_assignment_plan_row_officer_id_foreign" foreign key ("officer_id") references "liaison_officer" ("id") on delete cascade;`);
    this.addSql(`alter table "liaison_assignment_plan_row" add constraint "liaison_assignment_plan_row_previous_officer_id_foreign" foreign key ("previous_officer_id") references "liaison_officer" ("id") on delete cascade;`);
    this.addSql(`select ip_track_data_version('liaison_officer');`);
    this.addSql(`select ip_track_data_version('liaison_conflict');`);
    this.addSql(`select ip_track_data_version('liaison_assignment');`);
    this.addSql(`select ip_track_data_version('liaison_assignment_plan');`);
    this.addSql(`select ip_track_data_version('liaison_assignment_plan_row');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "liaison_assignment_plan_row" cascade;`);
    this.addSql(`drop table if exists "liaison_assignment_plan" cascade;`);
    this.addSql(`drop table if exists "liaison_assignment" cascade;`);
    this.addSql(`drop table if exists "liaison_conflict" cascade;`);
    this.addSql(`drop table if exists "liaison_officer" cascade;`);
    this.addSql(`alter table "programme_settings" drop constraint "programme_settings_liaison_capacity_basis_check";`);
    this.addSql(`alter table "programme_settings" drop column "liaison_capacity_basis", drop column "liaison_stability_weight";`);
  }
}
