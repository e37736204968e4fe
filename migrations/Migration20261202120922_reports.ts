import { Migration } from '@mikro-orm/migrations';

/** Issue 15: saved statistics reports and their frozen snapshots, which the database never lets change. */
export class Migration20261202120922_reports extends Migration {
  override name = 'Migration20261202120922_reports';

  override up(): void | Promise<void> {
    this.addSql(`create table "report" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "bureau_code" varchar(6) not null, "name" varchar(100) not null, "description" text null, "query" jsonb not null, "created_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "report_created_idx" on "report" ("created_at", "id");`);
    this.addSql(`create index "report_bureau_idx" on "report" ("bureau_code", "created_at", "id");`);

    this.addSql(`create table "report_snapshot" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "report_id" uuid not null, "version" int not null, "name" varchar(100) not null, "query" jsonb not null, "data_date" date not null, "data_version" varchar(40) null, "bureau_code" varchar(6) not null, "frozen_by" varchar(64) not null, "result" jsonb not null, "checksum" varchar(64) not null, primary key ("id"));`);
    this.addSql(`create index "report_snapshot_created_idx" on "report_snapshot" ("created_at", "id");`);
    this.addSql(`alter table "report_snapshot" add constraint "report_snapshot_version_unique" unique ("report_id", "version");`);

    this.addSql(`alter table "report_snapshot" add constraint "report_snapshot_report_id_foreign" foreign key ("report_id") references "report" ("id") on delete restrict;`);
    this.addSql(`alter table "report_snapshot" add constraint "report_snapshot_version_check" check ("version" >= 1);`);

    // A frozen snapshot is never rewritten: report_snapshot refuses updates and deletes.
    this.addSql(`create function ip_report_snapshot_frozen() returns trigger language plpgsql as \$\$
      begin
        raise exception 'report_snapshot is frozen: % refused', tg_op using errcode = 'restrict_violation';
      end \$\$;`);
    this.addSql(`create trigger "report_snapshot_frozen" before update or delete on "report_snapshot" for each row execute function ip_report_snapshot_frozen();`);

    this.addSql(`select ip_track_data_version('report');`);
    this.addSql(`select ip_track_data_version('report_snapshot');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "report_snapshot_frozen" on "report_snapshot";`);
    this.addSql(`drop function if exists ip_report_snapshot_frozen();`);
    this.addSql(`drop table if exists "report_snapshot" cascade;`);
    this.addSql(`drop table if exists "report" cascade;`);
  }
}
