import { Migration } from '@mikro-orm/migrations';

export class Migration20261202072012_standard_implementation extends Migration {

  override name = 'Migration20261202072012_standard_implementation';

  override up(): void | Promise<void> {
    this.addSql(`create table "standard_implementation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "organization_id" uuid not null, "status" text not null default 'MATCHED', "matched_on" date not null, "target_on" date null, "note" text null, "started_on" date null, "audit_applied_on" date null, "certified_on" date null, "certification_body" varchar(200) null, "certificate_number" varchar(100) null, "ended_on" date null, "end_reason" text null, "progress_note" text null, "matched_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "standard_implementation_enterprise_idx" on "standard_implementation" ("enterprise_id");`);
    this.addSql(`create index "standard_implementation_organization_idx" on "standard_implementation" ("organization_id", "created_at", "id");`);
    this.addSql(`create index "standard_implementation_created_idx" on "standard_implementation" ("created_at", "id");`);
    this.addSql(`create unique index "standard_implementation_one_open" on "standard_implementation" ("enterprise_id") where "status" in ('MATCHED', 'IMPLEMENTING', 'AUDITING');`);

    this.addSql(`alter table "standard_implementation" add constraint "standard_implementation_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "standard_implementation" add constraint "standard_implementation_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "standard_implementation" add constraint "standard_implementation_certified_check" check ("status" <> 'CERTIFIED' or "certified_on" is not null);`);
    this.addSql(`alter table "standard_implementation" add constraint "standard_implementation_status_check" check ("status" in ('MATCHED', 'IMPLEMENTING', 'AUDITING', 'CERTIFIED', 'ENDED'));`);
    this.addSql(`select ip_track_data_version('standard_implementation');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "standard_implementation" cascade;`);
  }
}
