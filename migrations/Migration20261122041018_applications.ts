import { Migration } from '@mikro-orm/migrations';

export class Migration20261122041018_applications extends Migration {

  override name = 'Migration20261122041018_applications';

  override up(): void | Promise<void> {
    this.addSql(`create table "application_window" ("year" int not null, "opens_on" date not null, "closes_on" date not null, "updated_at" timestamptz(3) not null, "updated_by" varchar(64) null, primary key ("year"));`);

    this.addSql(`create table "demonstration_application" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "year" int not null, "route" text not null, "status" text not null default 'DRAFT', "form_content" text not null, "work_foundation" text not null, "goals_and_tasks" text not null, "measures" text not null, "score_a" double precision null, "score_b" double precision null, "indicators" jsonb not null, "submitted_at" timestamptz(3) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "demonstration_application_year_status_idx" on "demonstration_application" ("year", "status");`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_enterprise_year_unique" unique ("enterprise_id", "year");`);

    this.addSql(`alter table "application_window" add constraint "application_window_period_check" check ("closes_on" >= "opens_on");`);

    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_route_check" check ("route" in ('PROVINCIAL', 'DIRECT'));`);
    this.addSql(`alter table "demonstration_application" add constraint "demonstration_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "application_window" cascade;`);
    this.addSql(`drop table if exists "demonstration_application" cascade;`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
