import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** pino options shared by the API, the workers and the scripts; secrets never reach the logs. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.privateKey'],
      censor: '[redacted]',
    },
  };
}

export function createLogger(level: string, name?: string): Logger {
  return pino({ ...loggerOptions(level), name });
}
