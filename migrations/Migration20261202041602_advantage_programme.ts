import { Migration } from '@mikro-orm/migrations';

export class Migration20261202041602_advantage_programme extends Migration {

  override name = 'Migration20261202041602_advantage_programme';

  override up(): void | Promise<void> {
    // The advantage-enterprise programme [A 一, 三, 四]: the provinces' yearly batches, the
    // applications, the yearly progress reports and the mid-term check of a cultivation period;
    // who designates, when the mid-term check opens and when reports are due are programme settings.
    this.addSql(`create table "advantage_batch" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "region_code" varchar(6) not null, "year" int not null, "opens_on" date not null, "closes_on" date not null, "submitted_at" timestamptz(3) null, "confirmed_at" timestamptz(3) null, "updated_by" varchar(64) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "advantage_batch" add constraint "advantage_batch_region_year_unique" unique ("region_code", "year");`);

    this.addSql(`create table "mid_term_check" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "designation_id" uuid not null, "enterprise_id" uuid not null, "checked_on" date not null, "passed" boolean not null, "notes" text not null, "checked_by" varchar(64) not null, primary key ("id"));`);
    this.addSql(`alter table "mid_term_check" add constraint "mid_term_check_designation_unique" unique ("designation_id");`);
    this.addSql(`create index "mid_term_check_enterprise_idx" on "mid_term_check" ("enterprise_id");`);

    this.addSql(`create table "cultivation_report" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "designation_id" uuid not null, "enterprise_id" uuid not null, "cultivation_year" int not null, "progress" text not null, "next_steps" text not null, "attachment_ids" jsonb not null, "submitted_at" timestamptz(3) not null, "submitted_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "cultivation_report_enterprise_idx" on "cultivation_report" ("enterprise_id");`);
    this.addSql(`alter table "cultivation_report" add constraint "cultivation_report_designation_year_unique" unique ("designation_id", "cultivation_year");`);

    this.addSql(`create table "advantage_application" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "region_code" varchar(6) not null, "year" int not null, "status" text not null default 'DRAFT', "form_content" text not null, "work_plan" text not null, "standard_path" text null, "implementation_plan" text null, "score_a" double precision null, "score_b" double precision null, "indicators" jsonb not null, "attachment_ids" jsonb not null, "submitted_at" timestamptz(3) null, "provincial_reviewed_at" timestamptz(3) null, "provincial_reviewer" varchar(64) null, "provincial_comments" text null, "national_comments" text null, "designation_id" uuid null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "advantage_application_region_year_status_idx" on "advantage_application" ("region_code", "year", "status");`);
    this.addSql(`alter table "advantage_application" add constraint "advantage_application_enterprise_year_unique" unique ("enterprise_id", "year");`);

    this.addSql(`alter table "programme_settings" add "advantage_approval" text not null default 'NATIONAL_CONFIRMS', add "advantage_mid_term_after_months" int not null default 18, add "advantage_report_due_days" int not null default 60;`);
    this.addSql(`alter table "programme_settings" add constraint "programme_settings_advantage_approval_check" check ("advantage_approval" in ('NATIONAL_CONFIRMS', 'PROVINCE_DESIGNATES'));`);

    this.addSql(`alter table "mid_term_check" add constraint "mid_term_check_designation_id_foreign" foreign key ("designation_id") references "designation" ("id") on delete cascade;`);
    this.addSql(`alter table "mid_term_check" add constraint "mid_term_check_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);

    this.addSql(`alter table "cultivation_report" add constraint "cultivation_report_designation_id_foreign" foreign key ("designation_id") references "designation" ("id") on delete cascade;`);
    this.addSql(`alter table "cultivation_report" add constraint "cultivation_report_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);

    this.addSql(`alter table "advantage_application" add constraint "advantage_application_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "advantage_application" add constraint "advantage_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'REJECTED_BY_PROVINCE', 'RECOMMENDED', 'NOT_CONFIRMED', 'DESIGNATED'));`);
    this.addSql(`alter table "advantage_application" add constraint "advantage_application_standard_path_check" check ("standard_path" in ('CERTIFIED', 'IMPLEMENTING'));`);

    this.addSql(`select ip_track_data_version('advantage_batch');`);
    this.addSql(`select ip_track_data_version('advantage_application');`);
    this.addSql(`select ip_track_data_version('cultivation_report');`);
    this.addSql(`select ip_track_data_version('mid_term_check');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mid_term_check" cascade;`);
    this.addSql(`drop table if exists "cultivation_report" cascade;`);
    this.addSql(`drop table if exists "advantage_application" cascade;`);
    this.addSql(`drop table if exists "advantage_batch" cascade;`);
    this.addSql(`alter table "programme_settings" drop constraint if exists "programme_settings_advantage_approval_check";`);
    this.addSql(`alter table "programme_settings" drop column "advantage_approval", drop column "advantage_mid_term_after_months", drop column "advantage_report_due_days";`);
  }

}
