import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040224_programme_settings_calendar extends Migration {

  override name = 'Migration20261122040224_programme_settings_calendar';

  override up(): void | Promise<void> {
    this.addSql(`create table "calendar_day" ("date" date not null, "year" int not null, "kind" text not null, "name" varchar(50) not null, primary key ("date"));`);
    this.addSql(`create index "calendar_day_year_idx" on "calendar_day" ("year");`);

    this.addSql(`create table "programme_settings" ("id" int not null default 1, "score_threshold_a" double precision not null default 75, "score_threshold_b" double precision not null default 80, "advantage_cultivation_years" int not null default 3, "recommendation_quota_percent" int not null default 10, "notice_working_days" int not null default 10, "designation_validity_years" int not null default 3, "filing_months" int not null default 6, "ban_years" int not null default 2, "revocation_lookback_years" int not null default 3, "version" int not null default 1, "updated_at" timestamptz(3) not null, "updated_by" varchar(64) null, primary key ("id"));`);

    this.addSql(`alter table "calendar_day" add constraint "calendar_day_kind_check" check ("kind" in ('HOLIDAY', 'WORKDAY'));`);

    this.addSql(`alter table "programme_settings" add constraint "programme_settings_singleton_check" check ("id" = 1);`);
    // The work plans' numbers as the starting rules (the national admin may change them).
    this.addSql(`insert into "programme_settings" ("id", "score_threshold_a", "score_threshold_b", "advantage_cultivation_years", "recommendation_quota_percent", "notice_working_days", "designation_validity_years", "filing_months", "ban_years", "revocation_lookback_years", "version", "updated_at") values (1, 75, 80, 3, 10, 10, 3, 6, 2, 3, 1, now()) on conflict do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calendar_day" cascade;`);
    this.addSql(`drop table if exists "programme_settings" cascade;`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
