import { Migration } from '@mikro-orm/migrations';

/** Issue 16: IP operation records (transfers, licences, pledges, capital contributions, securitisations); tracked by the data version. */
export class Migration20261202153453_ip_operations extends Migration {
  override name = 'Migration20261202153453_ip_operations';

  override up(): void | Promise<void> {
    this.addSql(`create table "ip_operation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "kind" text not null, "direction" text null, "licence_type" text null, "counterparty" varchar(200) not null, "amount" numeric(16,2) not null, "signed_on" date not null, "valid_from" date null, "valid_until" date null, "term_months" int null, "application_numbers" jsonb not null, "note" text null, "status" text not null default 'RECORDED', "void_reason" text null, "recorded_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "ip_operation_numbers_idx" on "ip_operation" using gin ("application_numbers" jsonb_path_ops);`);
    this.addSql(`create index "ip_operation_signed_idx" on "ip_operation" ("signed_on", "id");`);
    this.addSql(`create index "ip_operation_enterprise_idx" on "ip_operation" ("enterprise_id", "signed_on", "id");`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_period_check" check ("valid_until" is null or "valid_from" is null or "valid_until" >= "valid_from");`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_term_check" check (("kind" = 'PLEDGE') = ("term_months" is not null) and ("term_months" is null or "term_months" > 0));`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_direction_kind_check" check (("kind" in ('TRANSFER', 'LICENCE')) = ("direction" is not null));`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_licence_check" check (("kind" = 'LICENCE') = ("licence_type" is not null));`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_amount_check" check ("amount" >= 0);`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_kind_check" check ("kind" in ('TRANSFER', 'LICENCE', 'PLEDGE', 'CAPITAL_CONTRIBUTION', 'SECURITISATION'));`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_direction_check" check ("direction" in ('OUTBOUND', 'INBOUND'));`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_licence_type_check" check ("licence_type" in ('EXCLUSIVE', 'SOLE', 'ORDINARY'));`);
    this.addSql(`alter table "ip_operation" add constraint "ip_operation_status_check" check ("status" in ('RECORDED', 'VOIDED'));`);

    this.addSql(`select ip_track_data_version('ip_operation');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ip_operation" cascade;`);
  }
}
