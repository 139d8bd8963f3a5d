import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'gateway'): Logger {
  return pino({
    name,
    level,
    // ID numbers, phones, passwords and codes must never reach a log line.
    redact: {
      paths: [
        '*.password', '*.newPassword', '*.confirmPassword', '*.confirmNewPassword', '*.code', '*.smsCode', '*.captchaAnswer',
        '*.documentNumber', '*.identifier', '*.phone', 'req.headers.cookie', 'variables.*',
      ],
      censor: '[redacted]',
    },
  });
}
