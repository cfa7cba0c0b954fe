import type { ApiPropertyOptions, SchemaObject } from '@nestjs/swagger';
import { WEEKDAYS } from '@frontdesk/contracts';

export { OmittableNotNull } from '../../../common/validation';

export const LOCAL_TIME_SCHEMA = {
  type: 'string',
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  example: '09:00',
} as const satisfies SchemaObject;

const INTERVAL_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { start: LOCAL_TIME_SCHEMA, end: LOCAL_TIME_SCHEMA },
  required: ['start', 'end'],
  additionalProperties: false,
};

export const WEEKLY_HOURS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  description:
    'All seven days mon…sun are required; each a list of non-overlapping intervals, start < end (touching is fine); [] = closed.',
  properties: Object.fromEntries(WEEKDAYS.map((day) => [day, { type: 'array', items: INTERVAL_SCHEMA }])),
  additionalProperties: false,
  example: {
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    tue: [{ start: '09:00', end: '17:00' }],
    wed: [{ start: '09:00', end: '17:00' }],
    thu: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
    sat: [],
    sun: [],
  },
};
