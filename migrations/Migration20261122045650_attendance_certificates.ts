import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045650_attendance_certificates extends Migration {

  override name = 'Migration20261122045650_attendance_certificates';

  override up(): void | Promise<void> {
    this.addSql(`create table "certificate" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "number" varchar(40) not null, "enrolment_id" uuid not null, "holder_name" varchar(100) not null, "program_title" varchar(200) not null, "tier" text not null, "starts_on" date not null, "ends_on" date not null, "issued_on" date not null, primary key ("id"));`);
    this.addSql(`alter table "certificate" add constraint "certificate_number_unique" unique ("number");`);

    this.addSql(`create table "attendance" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enrolment_id" uuid not null, "day" date not null, "present" boolean not null, primary key ("id"));`);
    this.addSql(`alter table "attendance" add constraint "attendance_enrolment_day_unique" unique ("enrolment_id", "day");`);

    this.addSql(`alter table "programme_settings" add "training_completion_percent" int not null default 80;`);

    this.addSql(`alter table "enrolment" drop constraint "enrolment_status_check";`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_status_check" check ("status" in ('BOOKED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'COMPLETED', 'NO_SHOW'));`);

    this.addSql(`alter table "certificate" add constraint "certificate_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on delete cascade;`);
    this.addSql(`alter table "certificate" add constraint "certificate_tier_check" check ("tier" in ('SENIOR_EXECUTIVE', 'IP_MANAGER', 'IP_PRACTITIONER', 'OTHER'));`);

    this.addSql(`alter table "attendance" add constraint "attendance_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "certificate" cascade;`);
    this.addSql(`drop table if exists "attendance" cascade;`);

    this.addSql(`alter table "enrolment" drop constraint "enrolment_status_check";`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_status_check" check ("status" in ('BOOKED', 'WAITLISTED', 'CANCELLED'));`);

    this.addSql(`alter table "programme_settings" drop column "training_completion_percent";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
