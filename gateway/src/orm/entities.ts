import { CandidateAccount } from '../modules/account/candidate-account.entity';
import { CandidateSession } from '../modules/account/candidate-session.entity';
import { CaptchaChallenge, CaptchaOutboxEntry } from '../modules/account/captcha.entity';
import { LoginThrottle } from '../modules/account/login-throttle.entity';
import { SmsCode, SmsOutboxMessage } from '../modules/account/sms-code.entity';
import { Exam, ExamUnit, RegistrationUnit } from '../modules/exam/exam.entity';
import { PaymentChannel } from '../modules/payment/payment-channel.entity';

/** Every entity, listed explicitly: discovery by folder scanning does not work under vitest or tsx alike. */
export const entities = [
  RegistrationUnit,
  Exam,
  ExamUnit,
  PaymentChannel,
  CandidateAccount,
  CandidateSession,
  SmsCode,
  SmsOutboxMessage,
  CaptchaChallenge,
  CaptchaOutboxEntry,
  LoginThrottle,
];
