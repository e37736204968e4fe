import { Migration } from '@mikro-orm/migrations';

export class Migration20261202074112_need_commissioner_session extends Migration {

  override name = 'Migration20261202074112_need_commissioner_session';

  override up(): void | Promise<void> {
    this.addSql(`alter table "enterprise_need" drop constraint "enterprise_need_assignee_check";`);
    this.addSql(`alter table "enterprise_need" drop constraint "enterprise_need_assignee_kind_check";`);
    this.addSql(`alter table "enterprise_need" add "dispatch_id" uuid null, add "consulting_session_id" uuid null;`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_dispatch_id_foreign" foreign key ("dispatch_id") references "commissioner_dispatch" ("id") on delete no action;`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_consulting_session_id_foreign" foreign key ("consulting_session_id") references "consulting_session" ("id") on delete no action;`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_assignee_check" check (("assignee_kind" is null and "organization_id" is null and "dispatch_id" is null and "consulting_session_id" is null) or ("organization_id" is not null and ("dispatch_id" is not null) = ("assignee_kind" = 'COMMISSIONER') and ("consulting_session_id" is not null) = ("assignee_kind" = 'CONSULTING_SESSION')));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_assignee_kind_check" check ("assignee_kind" in ('SERVICE_ORGANIZATION', 'COMMISSIONER', 'CONSULTING_SESSION'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "enterprise_need" drop constraint "enterprise_need_assignee_kind_check";`);
    this.addSql(`alter table "enterprise_need" drop constraint "enterprise_need_assignee_check";`);
    this.addSql(`update "enterprise_need" set "assignee_kind" = 'SERVICE_ORGANIZATION' where "assignee_kind" in ('COMMISSIONER', 'CONSULTING_SESSION');`);
    this.addSql(`alter table "enterprise_need" drop constraint "enterprise_need_consulting_session_id_foreign";`);
    this.addSql(`alter table "enterprise_need" drop constraint "enterprise_need_dispatch_id_foreign";`);
    this.addSql(`alter table "enterprise_need" drop column "dispatch_id", drop column "consulting_session_id";`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_assignee_check" check (("assignee_kind" is null and "organization_id" is null) or ("assignee_kind" = 'SERVICE_ORGANIZATION' and "organization_id" is not null));`);
    this.addSql(`alter table "enterprise_need" add constraint "enterprise_need_assignee_kind_check" check ("assignee_kind" in ('SERVICE_ORGANIZATION'));`);
  }
}
