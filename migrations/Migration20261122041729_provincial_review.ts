import { Migration } from '@mikro-orm/migrations';

export class Migration20261122041729_provincial_review extends Migration {

  override name = 'Migration20261122041729_provincial_review';

  override up(): void | Promise<void> {
    this.addSql(`create table "recommendation_package" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "region_code" varchar(6) not null, "year" int not null, "letter_file_id" uuid null, "goals" text not null, "work_plan" text not null, "organization" text not null, "policy_support" text not null, "funding" text not null, "supervision" text not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "recommendation_package" add constraint "recommendation_package_region_year_unique" unique ("region_code", "year");`);

    this.addSql(`alter table "demonstration_application" drop constraint "demonstration_application_status_check";`);
    this.addSql(`alter table "demonstration_application" add "provincial_reviewed_at" timestamptz(3) null, add "provincial_reviewer" varchar(64) null, add "provincial_rejection_reason" text null, add "recommendation_rank" int null;`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'REJECTED_BY_PROVINCE', 'RECOMMENDED'));`);

    this.addSql(`alter table "recommendation_package" add constraint "recommendation_package_region_code_foreign" foreign key ("region_code") references "region" ("code");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recommendation_package" cascade;`);

    this.addSql(`alter table "demonstration_application" drop constraint "demonstration_application_status_check";`);
    this.addSql(`alter table "demonstration_application" drop column "provincial_reviewed_at", drop column "provincial_reviewer", drop column "provincial_rejection_reason", drop column "recommendation_rank";`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED'));`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
