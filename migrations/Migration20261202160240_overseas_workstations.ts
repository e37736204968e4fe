import { Migration } from '@mikro-orm/migrations';

/** Issue 17: overseas workstations' profiles (coverage, languages, time zone, weekly hours) and their calendars; tracked by the data version. */
export class Migration20261202160240_overseas_workstations extends Migration {
  override name = 'Migration20261202160240_overseas_workstations';

  override up(): void | Promise<void> {
    this.addSql(`create table "overseas_workstation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "organization_id" uuid not null, "host_office" varchar(200) not null, "country_code" varchar(2) not null, "city" varchar(100) not null, "countries_covered" jsonb not null, "languages" jsonb not null, "time_zone" varchar(64) not null, "weekly_hours" jsonb not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "overseas_workstation_covered_idx" on "overseas_workstation" using gin ("countries_covered" jsonb_path_ops);`);
    this.addSql(`create index "overseas_workstation_created_idx" on "overseas_workstation" ("created_at", "id");`);
    this.addSql(`alter table "overseas_workstation" add constraint "overseas_workstation_organization_unique" unique ("organization_id");`);
    this.addSql(`create table "workstation_calendar_day" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "workstation_id" uuid not null, "day" date not null, "kind" text not null, "hours_of" int null, "name" varchar(100) not null, "source" varchar(20) not null, primary key ("id"));`);
    this.addSql(`alter table "workstation_calendar_day" add constraint "workstation_calendar_day_unique" unique ("workstation_id", "day");`);
    this.addSql(`alter table "overseas_workstation" add constraint "overseas_workstation_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete cascade;`);
    this.addSql(`alter table "overseas_workstation" add constraint "overseas_workstation_country_check" check ("country_code" ~ '^[A-Z]{2}\$');`);
    this.addSql(`alter table "workstation_calendar_day" add constraint "workstation_calendar_day_workstation_id_foreign" foreign key ("workstation_id") references "overseas_workstation" ("id") on delete cascade;`);
    this.addSql(`alter table "workstation_calendar_day" add constraint "workstation_calendar_day_weekday_check" check (("kind" = 'WORKDAY') = ("hours_of" is not null) and ("hours_of" is null or ("hours_of" >= 1 and "hours_of" <= 7)));`);
    this.addSql(`alter table "workstation_calendar_day" add constraint "workstation_calendar_day_kind_check" check ("kind" in ('HOLIDAY', 'WORKDAY'));`);

    this.addSql(`select ip_track_data_version('overseas_workstation');`);
    this.addSql(`select ip_track_data_version('workstation_calendar_day');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "workstation_calendar_day" cascade;`);
    this.addSql(`drop table if exists "overseas_workstation" cascade;`);
  }
}
