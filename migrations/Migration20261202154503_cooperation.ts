import { Migration } from '@mikro-orm/migrations';

/** Issue 16: collaborative-innovation agreements and standards (with declared essential patents); tracked by the data version. */
export class Migration20261202154503_cooperation extends Migration {
  override name = 'Migration20261202154503_cooperation';

  override up(): void | Promise<void> {
    this.addSql(`create table "collaboration_agreement" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "title" varchar(200) not null, "description" text not null, "partners" jsonb not null, "ipc_classes" jsonb not null, "starts_on" date not null, "ends_on" date null, "application_numbers" jsonb not null, "recorded_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "collaboration_agreement_starts_idx" on "collaboration_agreement" ("starts_on", "id");`);
    this.addSql(`create index "collaboration_agreement_enterprise_idx" on "collaboration_agreement" ("enterprise_id", "starts_on", "id");`);
    this.addSql(`create table "standard_participation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "standard_number" varchar(60) not null, "title" varchar(200) not null, "level" text not null, "role" text not null, "published_on" date null, "essential_patents" jsonb not null, "recorded_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create unique index "standard_participation_unique" on "standard_participation" ("enterprise_id", "standard_number");`);
    this.addSql(`create index "standard_participation_created_idx" on "standard_participation" ("created_at", "id");`);
    this.addSql(`create index "standard_participation_enterprise_idx" on "standard_participation" ("enterprise_id", "created_at", "id");`);
    this.addSql(`alter table "collaboration_agreement" add constraint "collaboration_agreement_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "collaboration_agreement" add constraint "collaboration_agreement_period_check" check ("ends_on" is null or "ends_on" >= "starts_on");`);
    this.addSql(`alter table "standard_participation" add constraint "standard_participation_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "standard_participation" add constraint "standard_participation_level_check" check ("level" in ('INTERNATIONAL', 'NATIONAL', 'INDUSTRY', 'LOCAL', 'GROUP'));`);
    this.addSql(`alter table "standard_participation" add constraint "standard_participation_role_check" check ("role" in ('LEAD', 'PARTICIPANT'));`);

    this.addSql(`select ip_track_data_version('collaboration_agreement');`);
    this.addSql(`select ip_track_data_version('standard_participation');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "standard_participation" cascade;`);
    this.addSql(`drop table if exists "collaboration_agreement" cascade;`);
  }
}
