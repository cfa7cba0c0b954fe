import { type DepositRule, type DepositSettings, type PrimeTimeWindow, WEEKDAYS, type Weekday } from '@frontdesk/contracts';
import { messagesUnder } from '../../../app/errors';
import { CheckboxField, TextField } from '../../../ui/Field';
import { WEEKDAY_NAMES } from '../deposit-preview';
import { DepositRuleField } from './DepositRuleField';

const NEW_WINDOW: PrimeTimeWindow = { days: ['fri', 'sat'], start: '16:00', end: '20:00' };
const NEW_RULE: DepositRule = { type: 'percent', percent: 50 };

const numberOrTyped = (text: string): number =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : (text as unknown as number);

/**
 * The business's deposit rules, controlled: every change goes to `onChange` as the whole
 * settings object the API takes. `errors` are the API's messages by field path.
 */
export function DepositRulesEditor({
  value,
  onChange,
  currency,
  errors = {},
  disabled = false,
}: {
  value: DepositSettings;
  onChange: (value: DepositSettings) => void;
  currency: string;
  errors?: Record<string, string[]>;
  disabled?: boolean;
}) {
  const set = <K extends keyof DepositSettings>(key: K, next: DepositSettings[K]) => onChange({ ...value, [key]: next });
  const under = (field: string) => messagesUnder(errors, field);
  const rule = (label: string, current: DepositRule, field: string, apply: (rule: DepositRule) => void) => (
    <DepositRuleField
      label={label}
      value={current}
      currency={currency}
      errors={under(field)}
      onChange={(next) => apply(next ?? { type: 'none' })}
    />
  );
  const setWindow = (index: number, window: PrimeTimeWindow) =>
    value.primeTime &&
    set('primeTime', { ...value.primeTime, windows: value.primeTime.windows.map((w, i) => (i === index ? window : w)) });

  return (
    <fieldset className="fieldset-plain" disabled={disabled}>
      <CheckboxField
        label="Ask for deposits"
        checked={value.enabled}
        onChange={(on) => set('enabled', on)}
        errors={under('enabled')}
      />
      {rule('Default rule', value.default, 'default', (next) => set('default', next))}
      <p className="muted">A service can have its own rule instead of the default: edit it on the Services page.</p>

      <CheckboxField
        label="Prime time"
        checked={value.primeTime !== null}
        onChange={(on) => set('primeTime', on ? { windows: [NEW_WINDOW], rule: NEW_RULE } : null)}
      />
      {value.primeTime && (
        <div className="nested">
          {value.primeTime.windows.map((window, index) => (
            <fieldset key={index} className="window">
              <legend>Window {index + 1}</legend>
              <div className="day-toggles">
                {WEEKDAYS.map((day: Weekday) => (
                  <CheckboxField
                    key={day}
                    label={`${WEEKDAY_NAMES[day]} (window ${index + 1})`}
                    checked={window.days.includes(day)}
                    onChange={(on) =>
                      setWindow(index, {
                        ...window,
                        days: on
                          ? WEEKDAYS.filter((d) => d === day || window.days.includes(d))
                          : window.days.filter((d) => d !== day),
                      })
                    }
                  />
                ))}
              </div>
              <div className="form-row">
                <TextField
                  label={`Window ${index + 1} from`}
                  type="time"
                  value={window.start}
                  onChange={(start) => setWindow(index, { ...window, start })}
                />
                <TextField
                  label={`Window ${index + 1} until`}
                  type="time"
                  value={window.end}
                  onChange={(end) => setWindow(index, { ...window, end })}
                  hint="Earlier than the start: the window runs past midnight."
                />
              </div>
              {value.primeTime!.windows.length > 1 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() =>
                    set('primeTime', { ...value.primeTime!, windows: value.primeTime!.windows.filter((_, i) => i !== index) })
                  }
                >
                  Remove window {index + 1}
                </button>
              )}
              <ul className="field-errors">
                {under(`primeTime.windows[${index}]`).map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </fieldset>
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() => set('primeTime', { ...value.primeTime!, windows: [...value.primeTime!.windows, NEW_WINDOW] })}
          >
            Add a prime-time window
          </button>
          {rule('Prime-time rule', value.primeTime.rule, 'primeTime.rule', (next) =>
            set('primeTime', { ...value.primeTime!, rule: next }),
          )}
        </div>
      )}

      <CheckboxField
        label="Weekends"
        checked={value.weekend !== null}
        onChange={(on) => set('weekend', on ? { rule: NEW_RULE } : null)}
      />
      {value.weekend && rule('Weekend rule', value.weekend.rule, 'weekend.rule', (next) => set('weekend', { rule: next }))}

      <CheckboxField
        label="Customers with past no-shows"
        checked={value.repeatNoShow !== null}
        onChange={(on) => set('repeatNoShow', on ? { threshold: 2, rule: { type: 'percent', percent: 100 } } : null)}
      />
      {value.repeatNoShow && (
        <div className="nested">
          <TextField
            label="No-shows before it applies"
            type="number"
            min={1}
            value={String(value.repeatNoShow.threshold)}
            onChange={(text) => set('repeatNoShow', { ...value.repeatNoShow!, threshold: numberOrTyped(text) })}
            errors={under('repeatNoShow.threshold')}
          />
          {rule('Repeat no-show rule', value.repeatNoShow.rule, 'repeatNoShow.rule', (next) =>
            set('repeatNoShow', { ...value.repeatNoShow!, rule: next }),
          )}
        </div>
      )}

      <CheckboxField
        label="Bookings with a high no-show risk"
        checked={value.highRisk !== null}
        onChange={(on) => set('highRisk', on ? { rule: NEW_RULE } : null)}
      />
      {value.highRisk && rule('High-risk rule', value.highRisk.rule, 'highRisk.rule', (next) => set('highRisk', { rule: next }))}

      <div className="form-row">
        <TextField
          label="Time to pay (minutes)"
          type="number"
          min={30}
          max={1440}
          value={String(value.paymentWindowMinutes)}
          onChange={(text) => set('paymentWindowMinutes', numberOrTyped(text))}
          errors={under('paymentWindowMinutes')}
          hint="30 to 1440. An unpaid booking lets its time go after this."
        />
      </div>
      <CheckboxField
        label="Refund the deposit when the customer cancels in time"
        checked={value.refundOnTimelyCancel}
        onChange={(on) => set('refundOnTimelyCancel', on)}
        errors={under('refundOnTimelyCancel')}
      />
    </fieldset>
  );
}
