/** The time zone every date in the portal is shown in. */
export const PORTAL_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: PORTAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai; '—' for a missing or invalid value. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `start 至 end`, both formatted by formatDateTime. */
export function formatPeriod(start: string | Date | null | undefined, end: string | Date | null | undefined): string {
  return `${formatDateTime(start)} 至 ${formatDateTime(end)}`;
}
