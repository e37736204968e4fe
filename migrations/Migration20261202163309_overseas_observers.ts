import { Migration } from '@mikro-orm/migrations';

/** Issue 17: volunteer observer enterprises and their reports; tracked by the data version. */
export class Migration20261202163309_overseas_observers extends Migration {
  override name = 'Migration20261202163309_overseas_observers';

  override up(): void | Promise<void> {
    this.addSql(`create table "overseas_observer" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "country_codes" jsonb not null, "appointed_on" date not null, "ended_on" date null, "demonstration" boolean not null, "reason" text null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "overseas_observer_countries_idx" on "overseas_observer" using gin ("country_codes" jsonb_path_ops);`);
    this.addSql(`create unique index "overseas_observer_current" on "overseas_observer" ("enterprise_id") where "ended_on" is null;`);
    this.addSql(`create index "overseas_observer_created_idx" on "overseas_observer" ("created_at", "id");`);
    this.addSql(`create table "observer_report" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "observer_id" uuid not null, "country_code" varchar(2) not null, "title" varchar(200) not null, "body" text not null, "reported_on" date not null, primary key ("id"));`);
    this.addSql(`create index "observer_report_created_idx" on "observer_report" ("created_at", "id");`);
    this.addSql(`create index "observer_report_observer_idx" on "observer_report" ("observer_id", "created_at", "id");`);
    this.addSql(`alter table "overseas_observer" add constraint "overseas_observer_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "overseas_observer" add constraint "overseas_observer_term_check" check ("ended_on" is null or "ended_on" >= "appointed_on");`);
    this.addSql(`alter table "observer_report" add constraint "observer_report_observer_id_foreign" foreign key ("observer_id") references "overseas_observer" ("id") on delete cascade;`);

    this.addSql(`select ip_track_data_version('overseas_observer');`);
    this.addSql(`select ip_track_data_version('observer_report');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "observer_report" cascade;`);
    this.addSql(`drop table if exists "overseas_observer" cascade;`);
  }
}
