import pino from 'pino'

/**
 * Structured logs. Personal data never reaches them: message text is not logged at all, and these paths
 * are censored wherever they appear, in case a future log call passes a whole object.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'text', '*.text', 'content', '*.content', 'phone', '*.phone', 'mobile', '*.mobile',
          'idNumber', '*.idNumber', 'id_number', '*.id_number', 'name', '*.name',
          'appSecret', '*.appSecret', 'encryptKey', '*.encryptKey', 'token', '*.token',
          'headers.authorization', '*.headers.authorization', 'config.headers.Authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  )
}
export type Logger = pino.Logger
