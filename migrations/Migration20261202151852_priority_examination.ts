import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: priority-examination recommendations (R21) with each bureau's yearly number, and the
 * programme's default number. Both tables are tracked by the data version.
 */
export class Migration20261202151852_priority_examination extends Migration {
  override name = 'Migration20261202151852_priority_examination';

  override up(): void | Promise<void> {
    this.addSql(`create table "priority_examination_quota" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "bureau_code" varchar(6) not null, "year" int not null, "quota" int not null, "set_by" varchar(64) not null, primary key ("id"));`);
    this.addSql(`alter table "priority_examination_quota" add constraint "priority_examination_quota_unique" unique ("bureau_code", "year");`);
    this.addSql(`alter table "priority_examination_quota" add constraint "priority_examination_quota_check" check ("quota" >= 0 and "year" >= 2000 and "year" <= 2100);`);

    this.addSql(`create table "priority_examination" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "bureau_code" varchar(6) not null, "application_number" varchar(16) not null, "patent_kind" text not null, "title" varchar(200) not null, "ipc_classes" jsonb not null, "reason" text not null, "status" text not null default 'REQUESTED', "quota_year" int null, "decided_at" timestamptz(3) null, "decided_by" varchar(64) null, "decision_note" text null, "outcome" text null, "outcome_on" date null, "granted_on" date null, "history" jsonb not null default '[]', "requested_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create unique index "priority_examination_number_unique" on "priority_examination" ("enterprise_id", "application_number") where "status" in ('REQUESTED', 'RECOMMENDED');`);
    this.addSql(`create index "priority_examination_created_idx" on "priority_examination" ("created_at", "id");`);
    this.addSql(`create index "priority_examination_bureau_idx" on "priority_examination" ("bureau_code", "quota_year", "status");`);
    this.addSql(`create index "priority_examination_enterprise_idx" on "priority_examination" ("enterprise_id", "created_at", "id");`);
    this.addSql(`alter table "priority_examination" add constraint "priority_examination_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "priority_examination" add constraint "priority_examination_quota_year_check" check (("status" = 'RECOMMENDED') = ("quota_year" is not null));`);
    this.addSql(`alter table "priority_examination" add constraint "priority_examination_patent_kind_check" check ("patent_kind" in ('INVENTION', 'UTILITY_MODEL', 'DESIGN', 'PCT_INVENTION', 'PCT_UTILITY_MODEL'));`);
    this.addSql(`alter table "priority_examination" add constraint "priority_examination_status_check" check ("status" in ('REQUESTED', 'RECOMMENDED', 'DECLINED', 'WITHDRAWN'));`);
    this.addSql(`alter table "priority_examination" add constraint "priority_examination_outcome_check" check ("outcome" in ('PENDING', 'ACCEPTED', 'NOT_ACCEPTED'));`);

    this.addSql(`alter table "programme_settings" add "priority_examination_quota" int not null default 50;`);

    this.addSql(`select ip_track_data_version('priority_examination');`);
    this.addSql(`select ip_track_data_version('priority_examination_quota');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "programme_settings" drop column "priority_examination_quota";`);
    this.addSql(`drop table if exists "priority_examination" cascade;`);
    this.addSql(`drop table if exists "priority_examination_quota" cascade;`);
  }
}
