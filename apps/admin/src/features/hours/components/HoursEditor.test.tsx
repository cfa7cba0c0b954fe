import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { WeeklyHours } from '@frontdesk/contracts';
import { EMPTY_WEEK, HoursEditor, nextInterval } from './HoursEditor';

const WEEK: WeeklyHours = {
  ...EMPTY_WEEK,
  tue: [
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '19:00' },
  ],
  sat: [{ start: '09:00', end: '16:00' }],
};

/** The editor is controlled; this keeps its value like a form would and records every change. */
function Harness({
  initial = WEEK,
  errors,
  onChange,
}: {
  initial?: WeeklyHours;
  errors?: string[];
  onChange?: (value: WeeklyHours) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <HoursEditor
      value={value}
      path="weekly"
      errors={errors}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
    />
  );
}

const day = (name: string) => screen.getByRole('group', { name });

describe('HoursEditor', () => {
  it('shows every day, its intervals as labelled time inputs, and closed days as closed', () => {
    render(<Harness />);
    expect(screen.getAllByRole('group')).toHaveLength(7);
    expect(within(day('Monday')).getByText('Closed')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Tuesday from').value).toBe('09:00');
    expect(screen.getByLabelText<HTMLInputElement>('Tuesday until').value).toBe('12:30');
    expect(screen.getByLabelText<HTMLInputElement>('Tuesday from (2)').value).toBe('13:30');
    expect(screen.getByLabelText<HTMLInputElement>('Tuesday until (2)').value).toBe('19:00');
    expect(within(day('Sunday')).getByText('Closed')).toBeTruthy();
  });

  it.each([
    ['a closed day opens 09:00–17:00', 'Monday', 'mon', [{ start: '09:00', end: '17:00' }]],
    [
      'a second interval starts an hour after the last one',
      'Saturday',
      'sat',
      [
        { start: '09:00', end: '16:00' },
        { start: '17:00', end: '21:00' },
      ],
    ],
  ] as const)('adds hours: %s', async (_case, dayName, key, expected) => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: `Add hours on ${dayName}` }));
    expect(onChange).toHaveBeenLastCalledWith({ ...WEEK, [key]: expected });
    expect(screen.getAllByLabelText(new RegExp(`^${dayName} from`))).toHaveLength(expected.length);
  });

  it('edits one edge of one interval', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Tuesday until (2)'), { target: { value: '18:00' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...WEEK, tue: [WEEK.tue[0], { start: '13:30', end: '18:00' }] });
  });

  it('removes an interval, leaving the day closed when it was the last', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Saturday 09:00–16:00' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...WEEK, sat: [] });
    expect(within(day('Saturday')).getByText('Closed')).toBeTruthy();
  });

  it('copies one day to every day', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy Tuesday to every day' }));
    const copied = onChange.mock.lastCall![0] as WeeklyHours;
    expect(Object.values(copied)).toEqual(Array(7).fill(WEEK.tue));
  });

  it('shows the API’s messages next to the day and interval they name', () => {
    render(
      <Harness
        errors={[
          'weekly.tue[1]: overlaps 09:00–12:30',
          'weekly.sat[0]: start 16:00 must be before end 09:00',
          'weekly must be an object',
        ]}
      />,
    );
    expect(within(day('Tuesday')).getByText('weekly.tue[1]: overlaps 09:00–12:30')).toBeTruthy();
    expect(screen.getByLabelText('Tuesday from (2)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Tuesday from').getAttribute('aria-invalid')).toBeNull();
    expect(within(day('Saturday')).getByText(/must be before end/)).toBeTruthy();
    expect(within(day('Monday')).queryByRole('listitem')).toBeNull();
    // A message naming no day stays above the week.
    expect(screen.getByText('weekly must be an object').closest('fieldset')).toBeNull();
  });

  it('is read-only when disabled', () => {
    render(<HoursEditor value={WEEK} onChange={() => undefined} path="weekly" disabled />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByLabelText<HTMLInputElement>('Tuesday from').disabled).toBe(true);
  });
});

describe('nextInterval', () => {
  it.each([
    [[], { start: '09:00', end: '17:00' }],
    [[{ start: '09:00', end: '12:00' }], { start: '13:00', end: '17:00' }],
    [[{ start: '08:00', end: '22:30' }], { start: '23:00', end: '23:59' }],
  ])('after %j comes %j', (intervals, expected) => {
    expect(nextInterval(intervals)).toEqual(expected);
  });
});
