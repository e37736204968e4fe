import { Migration } from '@mikro-orm/migrations';

export class Migration20261122042048_national_step extends Migration {

  override name = 'Migration20261122042048_national_step';

  override up(): void | Promise<void> {
    this.addSql(`create table "public_notice" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "year" int not null, "title" varchar(200) not null, "starts_on" date not null, "ends_on" date not null, "concluded_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create index "public_notice_year_idx" on "public_notice" ("year");`);

    this.addSql(`create table "objection" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "application_id" uuid not null, "notice_id" uuid not null, "content" text not null, "user_id" uuid null, "contact_name" varchar(100) null, "contact_phone" varchar(50) null, "status" text not null default 'PENDING', "decision_note" text null, "decided_by" varchar(64) null, primary key ("id"));`);
    this.addSql(`create index "objection_application_idx" on "objection" ("application_id", "status");`);

    this.addSql(`alter table "demonstration_application" drop constraint "demonstration_application_status_check";`);
    this.addSql(`alter table "demonstration_application" add "national_reviewed_at" timestamptz(3) null, add "national_comments" text null, add "notice_id" uuid null, add "designation_id" uuid null;`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'REJECTED_BY_PROVINCE', 'RECOMMENDED', 'PASSED_REVIEW', 'FAILED_REVIEW', 'IN_NOTICE', 'OBJECTION_UPHELD', 'DESIGNATED'));`);

    this.addSql(`alter table "public_notice" add constraint "public_notice_period_check" check ("ends_on" >= "starts_on");`);

    this.addSql(`alter table "objection" add constraint "objection_application_id_foreign" foreign key ("application_id") references "demonstration_application" ("id") on delete cascade;`);
    this.addSql(`alter table "objection" add constraint "objection_status_check" check ("status" in ('PENDING', 'UPHELD', 'DISMISSED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "public_notice" cascade;`);
    this.addSql(`drop table if exists "objection" cascade;`);

    this.addSql(`alter table "demonstration_application" drop constraint "demonstration_application_status_check";`);
    this.addSql(`alter table "demonstration_application" drop column "national_reviewed_at", drop column "national_comments", drop column "notice_id", drop column "designation_id";`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'REJECTED_BY_PROVINCE', 'RECOMMENDED'));`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
