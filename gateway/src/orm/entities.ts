import { CandidateAccount } from '../modules/account/candidate-account.entity';
import { CandidateSession } from '../modules/account/candidate-session.entity';
import { CaptchaChallenge, CaptchaOutboxEntry } from '../modules/account/captcha.entity';
import { LoginThrottle } from '../modules/account/login-throttle.entity';
import { SmsCode, SmsOutboxMessage } from '../modules/account/sms-code.entity';
import { WeChatBinding, WeChatLoginTicket } from '../modules/account/wechat-login.entity';
import { Exam, ExamUnit, RegistrationUnit } from '../modules/exam/exam.entity';
import { PaymentChannel } from '../modules/payment/payment-channel.entity';
import { PaymentNotification, PaymentOrder, SimulatedTrade } from '../modules/payment/payment-order.entity';
import { Application, ApplicationHistory } from '../modules/registration/application.entity';
import { ExamUnitGuide, ExamUnitNotice, FeeRule, FeeWaiverCategory, MaterialRequirement } from '../modules/registration/exam-unit-setup.entity';
import { RegistrationCity, RegistrationPoint } from '../modules/registration/registration-point.entity';
import { ExamSubject, SubjectPass } from '../modules/registration/subject.entity';
import { ApplicationUpload, UploadToken } from '../modules/registration/upload.entity';
import { OpsAccount, OpsSession } from '../modules/ops/ops-account.entity';
import { AuditRecord } from '../modules/audit/audit-record.entity';
import { RealNameVerification } from '../modules/identity/real-name-verification.entity';
import { CandidateProfile } from '../modules/identity/candidate-profile.entity';

/** Every entity, listed explicitly: discovery by folder scanning does not work under vitest or tsx alike. */
export const entities = [
  RegistrationUnit,
  Exam,
  ExamUnit,
  PaymentChannel,
  PaymentOrder,
  PaymentNotification,
  SimulatedTrade,
  CandidateAccount,
  CandidateSession,
  SmsCode,
  SmsOutboxMessage,
  CaptchaChallenge,
  CaptchaOutboxEntry,
  LoginThrottle,
  WeChatLoginTicket,
  WeChatBinding,
  ExamUnitGuide,
  ExamUnitNotice,
  MaterialRequirement,
  FeeRule,
  FeeWaiverCategory,
  RegistrationCity,
  RegistrationPoint,
  ExamSubject,
  SubjectPass,
  Application,
  ApplicationHistory,
  ApplicationUpload,
  UploadToken,
  OpsAccount,
  OpsSession,
  AuditRecord,
  RealNameVerification,
  CandidateProfile,
];
