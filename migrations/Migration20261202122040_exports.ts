import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: export jobs (CSV/XLSX of statistics, snapshots and lists). Private to their owner and
 * bookkeeping of files, so not tracked by the data version (like sessions): no public answer shows them.
 */
export class Migration20261202122040_exports extends Migration {
  override name = 'Migration20261202122040_exports';

  override up(): void | Promise<void> {
    this.addSql(`create table "export_job" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "owner_id" uuid not null, "kind" text not null, "format" text not null, "spec" jsonb not null, "status" text not null default 'PENDING', "file_name" varchar(120) not null, "row_count" int not null default 0, "truncated" boolean not null default false, "storage_key" varchar(200) null, "bytes" int null, "sha256" varchar(64) null, "error" text null, "started_at" timestamptz(3) null, "finished_at" timestamptz(3) null, "expires_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "export_job_pending_idx" on "export_job" ("created_at") where "status" in ('PENDING', 'RUNNING');`);
    this.addSql(`create index "export_job_owner_idx" on "export_job" ("owner_id", "created_at", "id");`);

    this.addSql(`alter table "export_job" add constraint "export_job_rows_check" check ("row_count" >= 0);`);
    this.addSql(`alter table "export_job" add constraint "export_job_kind_check" check ("kind" in ('STATISTICS', 'SNAPSHOT', 'LIST'));`);
    this.addSql(`alter table "export_job" add constraint "export_job_format_check" check ("format" in ('CSV', 'XLSX'));`);
    this.addSql(`alter table "export_job" add constraint "export_job_status_check" check ("status" in ('PENDING', 'RUNNING', 'READY', 'FAILED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "export_job" cascade;`);
  }
}
