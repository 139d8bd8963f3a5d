import { Exam, ExamUnit, RegistrationUnit } from '../modules/exam/exam.entity';
import { PaymentChannel } from '../modules/payment/payment-channel.entity';

/** Every entity, listed explicitly: discovery by folder scanning does not work under vitest or tsx alike. */
export const entities = [RegistrationUnit, Exam, ExamUnit, PaymentChannel];
