import { Migration } from '@mikro-orm/migrations';

export class Migration20261202075303_provider_files_shared_attachments extends Migration {

  override name = 'Migration20261202075303_provider_files_shared_attachments';

  override up(): void | Promise<void> {
    this.addSql(`create index "service_record_attachments_idx" on "service_record" using gin ("attachment_ids" jsonb_path_ops);`);

    this.addSql(`alter table "stored_file" add "organization_id" uuid null;`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "stored_file" drop constraint "stored_file_organization_id_foreign";`);
    this.addSql(`alter table "stored_file" drop column "organization_id";`);
    this.addSql(`drop index "service_record_attachments_idx";`);
  }
}
