import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { LoginFields } from './account.service';
import { AccountResultFields, ViewerType } from './account.types';
import { WeChatLoginStatus } from './wechat-login.service';

registerEnumType(WeChatLoginStatus, { name: 'WeChatLoginStatus', description: '微信扫码登录: where the QR code of this browser is' });

@ObjectType('WeChatLoginTicket', { description: 'A QR code for 微信扫码登录, valid for this browser only' })
export class WeChatLoginTicketType {
  @Field(() => ID) ticketId!: string;
  @Field(() => String, { description: 'What the QR code encodes: the URL the phone opens' }) qrContent!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Boolean, { description: 'True when the local simulator plays WeChat (label the code 模拟器)' }) simulated!: boolean;
}

@ObjectType('WeChatLoginTicketResult')
export class WeChatLoginTicketResultType extends AccountResultFields {
  @Field(() => WeChatLoginTicketType, { nullable: true }) ticket!: WeChatLoginTicketType | null;
}

@ObjectType('WeChatLoginPollResult')
export class WeChatLoginPollResultType extends AccountResultFields {
  @Field(() => WeChatLoginStatus, { nullable: true, description: 'Null when ok is false (the ticket cannot be used from this browser)' })
  status!: WeChatLoginStatus | null;
  @Field(() => ViewerType, { nullable: true, description: 'With SIGNED_IN' }) viewer!: ViewerType | null;
}

@InputType({ description: '微信扫码登录 → 绑定已有账号: the confirmed ticket and the account’s 登录 credentials' })
export class WeChatBindInput implements LoginFields {
  @Field(() => ID) ticketId!: string;
  @Field(() => String, { description: '证件号码 or 手机号 as registered' }) identifier!: string;
  @Field(() => String) password!: string;
  @Field(() => ID) captchaId!: string;
  @Field(() => String) captchaAnswer!: string;
}
