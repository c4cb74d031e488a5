import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, Uuid } from '../../lib/schemas.js';

export const OverrideKind = Type.Union([Type.Literal('holiday'), Type.Literal('day_off'), Type.Literal('working_day')]);

export const OverrideBody = Type.Object({
  kind: OverrideKind,
  name: Type.String({ minLength: 1, maxLength: 200 }),
});
export type OverrideBody = Static<typeof OverrideBody>;

export const OverrideDto = Type.Object({
  date: Type.String(),
  kind: OverrideKind,
  name: Type.String(),
  createdBy: Nullable(Uuid),
  createdAt: Type.String(),
});
export type OverrideDto = Static<typeof OverrideDto>;

export const CalendarDayDto = Type.Object({
  date: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('compensatory'), Type.Literal('day_off'), Type.Literal('working_day')]),
  working: Type.Boolean(),
  source: Type.Union([Type.Literal('rule'), Type.Literal('override')]),
});

export const CalendarYearDto = Type.Object({
  year: Type.Integer(),
  workingDayCount: Type.Integer(),
  /** Holidays, compensatory days, days off and worked Saturdays: every day that is not a plain Mon–Fri working day or weekend. */
  days: Type.Array(CalendarDayDto),
});
export type CalendarYearDto = Static<typeof CalendarYearDto>;

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1800, maximum: 2199 }) });
export const DateParams = Type.Object({ date: IsoDate });
