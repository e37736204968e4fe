import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

/** An uploaded file (POST /files): its metadata and SHA-256; the bytes are in the file storage. */
@ObjectType('StoredFile', { implements: Node, description: '上传的文件（附件）。' })
@Entity({ tableName: 'stored_file' })
@Index({ name: 'stored_file_uploaded_by_idx', properties: ['uploadedBy'] })
export class StoredFile extends BaseEntity<'downloadUrl'> {
  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '文件名。' })
  fileName!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '类型（MIME），已按文件内容核对。' })
  contentType!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '大小（字节）。' })
  size!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256（十六进制），可用于核对文件未被改动。' })
  sha256!: string;

  @Property({ type: 'string', length: 80, hidden: true })
  storageKey!: string;

  /** The uploading user's id. */
  @Property({ type: 'uuid' })
  uploadedBy!: string;

  /** The uploader's enterprise (enterprise users), which decides who else may read the file. */
  @ManyToOne(() => Enterprise, { ref: true, nullable: true, deleteRule: 'set null' })
  enterprise?: Ref<Enterprise> | null;

  /** The uploader's jurisdiction (provincial admins), likewise. */
  @Property({ type: 'string', length: 6, nullable: true })
  regionCode?: string | null;

  /** The uploader's service organisation (service providers), likewise. */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'set null' })
  organization?: Ref<ServiceOrganization> | null;

  @Field(() => ID, { name: 'id', description: '全局 ID：在申报等处引用附件时使用。' })
  get nodeId(): string {
    return toGlobalId('StoredFile', this.id);
  }

  @Field(() => String, { description: '下载地址（GET，需登录并有权查看）。' })
  get downloadUrl(): string {
    return `/files/${this.nodeId}`;
  }
}
registerNodeType(StoredFile, 'StoredFile');
