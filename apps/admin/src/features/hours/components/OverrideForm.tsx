import { type FormEvent, useState } from 'react';
import type { LocalDate, LocalTime, OverrideKind, Staff } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { SelectField, TextField } from '../../../ui/Field';
import { FormErrors } from '../../../ui/states';
import { useCreateOverride } from '../api';

export interface OverrideDraft {
  date: LocalDate;
  start: LocalTime;
  end: LocalTime;
  /** '' = the whole business. */
  staffId: string;
  note: string;
}

const FIELDS = ['date', 'start', 'end', 'staffId', 'note', 'kind'] as const;

/**
 * Blocks a time range or adds working time (POST /overrides). Empty start and end with
 * "Block" closes the whole day.
 */
export function OverrideForm({
  initial,
  staff,
  onDone,
  onCancel,
  title = 'Change the schedule',
}: {
  initial: OverrideDraft;
  staff: Pick<Staff, 'id' | 'name'>[];
  onDone?: () => void;
  onCancel?: () => void;
  title?: string;
}) {
  const [draft, setDraft] = useState(initial);
  const create = useCreateOverride();
  const set =
    <K extends keyof OverrideDraft>(key: K) =>
    (value: OverrideDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const submit = (kind: OverrideKind) => (event?: FormEvent) => {
    event?.preventDefault();
    create.mutate(
      {
        date: draft.date,
        kind,
        start: draft.start || null,
        end: draft.end || null,
        staffId: draft.staffId || null,
        note: draft.note.trim() || null,
      },
      { onSuccess: () => onDone?.() },
    );
  };

  const errors = splitErrors(create.error, FIELDS);
  return (
    <form noValidate className="card override-form" onSubmit={submit('closed')} aria-label={title}>
      <h2>{title}</h2>
      <FormErrors messages={[...errors.form, ...(errors.fields.kind ?? [])]} />
      <div className="form-row">
        <TextField label="Date" type="date" required value={draft.date} onChange={set('date')} errors={errors.fields.date} />
        <TextField label="From" type="time" step={300} value={draft.start} onChange={set('start')} errors={errors.fields.start} />
        <TextField label="Until" type="time" step={300} value={draft.end} onChange={set('end')} errors={errors.fields.end} />
      </div>
      <div className="form-row">
        <SelectField
          label="Applies to"
          value={draft.staffId}
          onChange={set('staffId')}
          options={[{ value: '', label: 'The whole business' }, ...staff.map((s) => ({ value: s.id, label: s.name }))]}
          errors={errors.fields.staffId}
        />
        <TextField
          label="Note"
          value={draft.note}
          onChange={set('note')}
          placeholder="Dentist, holiday…"
          errors={errors.fields.note}
        />
      </div>
      <p className="field-hint">Leave From and Until empty to close the whole day.</p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Block this time
        </button>
        <button
          type="button"
          className="button"
          disabled={create.isPending || !draft.start || !draft.end}
          onClick={() => submit('open')()}
        >
          Add working time
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
