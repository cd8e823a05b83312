import type { ServiceError } from '../errors.js';

/** The namespace of every CloudWatch query answer. */
export const cloudWatchXmlns = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

/**
 * An operation's JSON result as CloudWatch's query protocol answers it:
 * `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OpResponse>`.
 * Lists are `<member>` elements, timestamps (members named `…Timestamp` or `…Timestamps`, epoch seconds in JSON)
 * ISO 8601; an operation without output (SetAlarmState, PutMetricAlarm, DeleteAlarms, PutMetricData) has no
 * Result element, as the service answers.
 */
export function encodeQueryResult(
  action: string,
  result: Record<string, unknown>,
  requestId: string,
): string {
  const inner =
    Object.keys(result).length === 0 ? '' : `<${action}Result>${members(result)}</${action}Result>`;
  return `<${action}Response xmlns="${cloudWatchXmlns}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/**
 * An error as the query protocol answers it:
 * `<ErrorResponse><Error><Type>Sender</Type><Code>ResourceNotFound</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`;
 * the code is the awsQuery code (`ServiceError.queryCode`), the type Receiver for a 5xx.
 */
export function encodeQueryError(error: ServiceError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${cloudWatchXmlns}"><Error><Type>${type}</Type><Code>${escapeXml(error.queryCode)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function members(object: Record<string, unknown>): string {
  return Object.entries(object)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([key, value]) => element(key, value, /Timestamps?$/.test(key)))
    .join('');
}

function element(name: string, value: unknown, timestamp: boolean): string {
  return `<${name}>${content(value, timestamp)}</${name}>`;
}

function content(value: unknown, timestamp: boolean): string {
  if (Array.isArray(value)) return value.map((item) => element('member', item, timestamp)).join('');
  if (value !== null && typeof value === 'object') return members(value as Record<string, unknown>);
  if (timestamp && typeof value === 'number') return new Date(value * 1000).toISOString();
  return escapeXml(String(value));
}

/** Text content: `&`, `<` and `>` escaped as the service escapes them (quotes need none outside attributes). */
export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
