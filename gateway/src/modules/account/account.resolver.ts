import { Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './identity-document';
import { maskName } from './person-name';

const DocumentTypeEnum = Object.fromEntries(Object.keys(DOCUMENT_TYPE_LABELS).map((k) => [k, k])) as {
  [K in DocumentType]: K;
};
registerEnumType(DocumentTypeEnum, { name: 'DocumentType', description: '证件类型' });

@ObjectType('DocumentTypeOption')
export class DocumentTypeOption {
  @Field(() => DocumentTypeEnum) value!: DocumentType;
  @Field(() => String) label!: string;
}

@ObjectType('Viewer', { description: 'The signed-in candidate as the top bar shows them' })
export class ViewerType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Name masked for display: 张*, 欧阳**' }) maskedName!: string;
}

@Resolver()
export class AccountResolver {
  @Query(() => [DocumentTypeOption], { description: '证件类型 accepted at registration' })
  documentTypes(): DocumentTypeOption[] {
    return (Object.keys(DOCUMENT_TYPE_LABELS) as DocumentType[]).map((value) => ({
      value,
      label: DOCUMENT_TYPE_LABELS[value],
    }));
  }

  @Query(() => ViewerType, { nullable: true, description: 'The signed-in candidate, or null' })
  me(@Ctx() ctx: RequestContext): ViewerType | null {
    return ctx.viewer ? { id: ctx.viewer.id, maskedName: maskName(ctx.viewer.name) } : null;
  }
}
