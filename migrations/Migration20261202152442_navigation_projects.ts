import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: patent navigation projects (with pilots) and their analysis reports. Both tables are
 * tracked by the data version.
 */
export class Migration20261202152442_navigation_projects extends Migration {
  override name = 'Migration20261202152442_navigation_projects';

  override up(): void | Promise<void> {
    this.addSql(`create table "navigation_project" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "organization_id" uuid null, "title" varchar(200) not null, "area" text not null, "objective" text not null, "ipc_classes" jsonb not null, "milestones" jsonb not null default '[]', "status" text not null default 'PLANNED', "started_on" date null, "decision" text null, "decided_on" date null, "outcome" text null, "closed_on" date null, "cancel_reason" text null, "pilot_year" int null, "pilot_bureau_code" varchar(6) null, "pilot_selected_at" timestamptz(3) null, "history" jsonb not null default '[]', "created_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "navigation_project_pilot_idx" on "navigation_project" ("pilot_year", "pilot_bureau_code") where "pilot_year" is not null;`);
    this.addSql(`create index "navigation_project_created_idx" on "navigation_project" ("created_at", "id");`);
    this.addSql(`create index "navigation_project_organization_idx" on "navigation_project" ("organization_id");`);
    this.addSql(`create index "navigation_project_enterprise_idx" on "navigation_project" ("enterprise_id", "created_at", "id");`);
    this.addSql(`create table "navigation_report" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "project_id" uuid not null, "title" varchar(200) not null, "summary" text not null, "delivered_on" date not null, "attachment_ids" jsonb not null default '[]', "published_at" timestamptz(3) null, "submitted_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "navigation_report_attachments_idx" on "navigation_report" using gin ("attachment_ids" jsonb_path_ops);`);
    this.addSql(`create index "navigation_report_created_idx" on "navigation_report" ("created_at", "id");`);
    this.addSql(`create index "navigation_report_published_idx" on "navigation_report" ("published_at" desc, "id") where "published_at" is not null;`);
    this.addSql(`create index "navigation_report_project_idx" on "navigation_report" ("project_id", "delivered_on");`);
    this.addSql(`alter table "navigation_project" add constraint "navigation_project_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "navigation_project" add constraint "navigation_project_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete set null;`);
    this.addSql(`alter table "navigation_project" add constraint "navigation_project_pilot_check" check (("pilot_year" is null) = ("pilot_bureau_code" is null));`);
    this.addSql(`alter table "navigation_project" add constraint "navigation_project_area_check" check ("area" in ('IP_STRATEGY', 'MAJOR_PROJECT', 'ASSET_RESTRUCTURING', 'INTERNATIONAL_MARKET', 'RD_ROUTE'));`);
    this.addSql(`alter table "navigation_project" add constraint "navigation_project_status_check" check ("status" in ('PLANNED', 'ANALYSING', 'REPORTED', 'DECIDED', 'CLOSED', 'CANCELLED'));`);
    this.addSql(`alter table "navigation_report" add constraint "navigation_report_project_id_foreign" foreign key ("project_id") references "navigation_project" ("id") on delete cascade;`);

    this.addSql(`select ip_track_data_version('navigation_project');`);
    this.addSql(`select ip_track_data_version('navigation_report');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "navigation_report" cascade;`);
    this.addSql(`drop table if exists "navigation_project" cascade;`);
  }
}
