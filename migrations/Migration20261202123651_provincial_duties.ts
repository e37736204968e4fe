import { Migration } from '@mikro-orm/migrations';

/** Issue 15: the provincial bureaus' cultivation plans and annual summaries (R15); an accepted summary is locked in the database too. */
export class Migration20261202123651_provincial_duties extends Migration {
  override name = 'Migration20261202123651_provincial_duties';

  override up(): void | Promise<void> {
    this.addSql(`create table "annual_summary" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "bureau_code" varchar(6) not null, "year" int not null, "status" text not null default 'DRAFT', "figures" jsonb not null, "work_done" text null, "results" text null, "problems" text null, "next_year_plan" text null, "submitted_at" timestamptz(3) null, "submitted_by" varchar(64) null, "late" boolean not null default false, "return_reason" text null, "accepted_at" timestamptz(3) null, "accepted_by" varchar(64) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "annual_summary_created_idx" on "annual_summary" ("created_at", "id");`);
    this.addSql(`create index "annual_summary_year_idx" on "annual_summary" ("year", "bureau_code");`);
    this.addSql(`alter table "annual_summary" add constraint "annual_summary_bureau_year_unique" unique ("bureau_code", "year");`);

    this.addSql(`create table "cultivation_plan" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "bureau_code" varchar(6) not null, "period_start" int not null, "period_end" int not null, "revision" int not null, "status" text not null default 'DRAFT', "title" varchar(200) not null, "goals" text not null, "work_plan" text not null, "organization" text not null, "policy_support" text not null, "funding" text not null, "supervision" text not null, "published_at" timestamptz(3) null, "published_by" varchar(64) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "cultivation_plan_created_idx" on "cultivation_plan" ("created_at", "id");`);
    this.addSql(`create unique index "cultivation_plan_one_draft" on "cultivation_plan" ("bureau_code", "period_start") where "status" = 'DRAFT';`);
    this.addSql(`alter table "cultivation_plan" add constraint "cultivation_plan_revision_unique" unique ("bureau_code", "period_start", "revision");`);

    this.addSql(`alter table "annual_summary" add constraint "annual_summary_year_check" check ("year" >= 2000 and "year" <= 2100);`);
    this.addSql(`alter table "annual_summary" add constraint "annual_summary_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'));`);

    this.addSql(`alter table "cultivation_plan" add constraint "cultivation_plan_period_check" check ("period_start" >= 2000 and "period_end" >= "period_start" and "period_end" <= "period_start" + 9);`);
    this.addSql(`alter table "cultivation_plan" add constraint "cultivation_plan_status_check" check ("status" in ('DRAFT', 'PUBLISHED', 'SUPERSEDED'));`);

    // R15: once the national bureau has accepted a summary, nothing changes or removes it.
    this.addSql(`create function ip_annual_summary_locked() returns trigger language plpgsql as \$\$
      begin
        if old.status = 'ACCEPTED' then
          raise exception 'annual_summary % is accepted and locked: % refused', old.id, tg_op using errcode = 'restrict_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end \$\$;`);
    this.addSql(`create trigger "annual_summary_locked" before update or delete on "annual_summary" for each row execute function ip_annual_summary_locked();`);

    this.addSql(`select ip_track_data_version('cultivation_plan');`);
    this.addSql(`select ip_track_data_version('annual_summary');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "annual_summary_locked" on "annual_summary";`);
    this.addSql(`drop function if exists ip_annual_summary_locked();`);
    this.addSql(`drop table if exists "annual_summary" cascade;`);
    this.addSql(`drop table if exists "cultivation_plan" cascade;`);
  }
}
