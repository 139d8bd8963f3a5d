import { Field, ObjectType } from 'type-graphql';

@ObjectType('RareCharacter', { description: '生僻字 picker result: one CJK ideograph' })
export class RareCharacterType {
  @Field(() => String, { description: 'The character itself (one code point; a surrogate pair in UTF-16 outside the BMP)' })
  char!: string;
  @Field(() => String, { description: 'Code point as Unicode writes it, e.g. U+4DAE' })
  codePoint!: string;
  @Field(() => String, { nullable: true, description: 'Pinyin with tone mark, e.g. yǎn; null when Unihan gives none' })
  pinyin!: string | null;
  @Field(() => String, { description: 'Unicode block, e.g. CJK Ext A' })
  block!: string;
}
