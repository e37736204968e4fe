import { Migration } from '@mikro-orm/migrations';

/** Issue 15: the national bureau's assessment of the provincial bureaus (criteria as data, scores, totals), commendations, experience cases. */
export class Migration20261202124255_assessment_commendation extends Migration {
  override name = 'Migration20261202124255_assessment_commendation';

  override up(): void | Promise<void> {
    this.addSql(`create table "assessment_scheme" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "year" int not null, "criteria" jsonb not null, "published_at" timestamptz(3) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "assessment_scheme" add constraint "assessment_scheme_year_unique" unique ("year");`);

    this.addSql(`create table "bureau_assessment" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "year" int not null, "bureau_code" varchar(6) not null, "scores" jsonb not null, "total" numeric(6,2) not null, "comment" text null, "support_outcome" text null, "published" boolean not null default false, "scored_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "bureau_assessment_year_idx" on "bureau_assessment" ("year", "total");`);
    this.addSql(`alter table "bureau_assessment" add constraint "bureau_assessment_year_bureau_unique" unique ("year", "bureau_code");`);

    this.addSql(`create table "commendation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "year" int not null, "kind" text not null, "bureau_code" varchar(6) null, "enterprise_id" uuid null, "recipient_name" varchar(200) not null, "citation" text not null, "announced_on" date not null, primary key ("id"));`);
    this.addSql(`create index "commendation_year_idx" on "commendation" ("year", "created_at", "id");`);

    this.addSql(`create table "experience_case" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "year" int not null, "title" varchar(200) not null, "summary" varchar(1000) not null, "body" text not null, "region_code" varchar(6) null, "source" varchar(200) null, "published_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "experience_case_published_idx" on "experience_case" ("published_at", "id");`);

    this.addSql(`alter table "bureau_assessment" add constraint "bureau_assessment_total_check" check ("total" >= 0 and "total" <= 100);`);

    this.addSql(`alter table "commendation" add constraint "commendation_target_check" check (("kind" = 'BUREAU' and "bureau_code" is not null and "enterprise_id" is null) or ("kind" = 'ENTERPRISE' and "enterprise_id" is not null));`);
    this.addSql(`alter table "commendation" add constraint "commendation_kind_check" check ("kind" in ('BUREAU', 'ENTERPRISE'));`);

    this.addSql(`select ip_track_data_version('assessment_scheme');`);
    this.addSql(`select ip_track_data_version('bureau_assessment');`);
    this.addSql(`select ip_track_data_version('commendation');`);
    this.addSql(`select ip_track_data_version('experience_case');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "experience_case" cascade;`);
    this.addSql(`drop table if exists "commendation" cascade;`);
    this.addSql(`drop table if exists "bureau_assessment" cascade;`);
    this.addSql(`drop table if exists "assessment_scheme" cascade;`);
  }
}
