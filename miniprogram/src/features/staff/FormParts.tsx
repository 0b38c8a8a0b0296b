/** Form building blocks of the staff pages: labelled inputs, chips for multiple choice (✓ marks the chosen). */
import type { ReactNode } from 'react';
import { View, Text, Input, Textarea, Picker } from '@tarojs/components';
import './staff.scss';

export function Field({ label, hint, error, children, testId }: { label: string; hint?: string; error?: string | null; children: ReactNode; testId?: string }) {
  return (
    <View className={`field ${error ? 'field--bad' : ''}`} data-testid={testId}>
      <Text className="field__label">{label}</Text>
      {children}
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      {error ? (
        <View role="alert" data-testid="field-error">
          <Text className="field__error">{error}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** `12/40`, red past the limit: the text is never cut, the save is refused with the limit instead. */
function Counter({ value, max }: { value: string; max?: number }) {
  if (!max) return null;
  const n = [...value.trim()].length;
  return (
    <Text className={`counter ${n > max ? 'counter--over' : ''}`} data-testid="counter">
      {n}/{max}
    </Text>
  );
}

/** A text input; `max` (from the schema: maxLengthAt) shows a counter and never truncates what was typed. */
export function TextInput({ value, onChange, placeholder, max, testId }: { value: string; onChange: (v: string) => void; placeholder?: string; max?: number; testId?: string }) {
  return (
    <View className="input-box">
      <Input className="input" value={value} type="text" placeholder={placeholder} maxlength={-1} onInput={(e) => onChange(e.detail.value)} data-testid={testId} />
      <Counter value={value} max={max} />
    </View>
  );
}

export function TextArea({ value, onChange, placeholder, max, testId }: { value: string; onChange: (v: string) => void; placeholder?: string; max?: number; testId?: string }) {
  return (
    <View className="input-box">
      <Textarea className="input textarea" value={value} placeholder={placeholder} maxlength={-1} onInput={(e) => onChange(e.detail.value)} data-testid={testId} />
      <Counter value={value} max={max} />
    </View>
  );
}

/**
 * A number as typed: the form keeps the text, `toNumber` (formValues.ts) reads it when saving, and the schema refuses what is
 * out of range or not whole (nothing is silently changed: -1 stays -1 and is refused, 2.5 is refused).
 */
export function NumberInput({ value, onChange, testId, unit }: { value: string; onChange: (v: string) => void; testId?: string; unit?: string }) {
  return (
    <View className="input-box input-box--unit">
      <Input className="input" type="digit" value={value} onInput={(e) => onChange(e.detail.value)} data-testid={testId} />
      {unit ? <Text className="input-unit">{unit}</Text> : null}
    </View>
  );
}

export function Chips<T extends string>({ options, selected, onToggle, testId }: { options: { value: T; label: string }[]; selected: readonly T[]; onToggle: (v: T) => void; testId?: string }) {
  return (
    <View className="chips" data-testid={testId}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <View key={o.value} className={`chip ${on ? 'chip--on' : ''}`} onClick={() => onToggle(o.value)} aria-pressed={on} data-testid="chip" data-value={o.value}>
            {on ? '✓ ' : ''}
            {o.label}
          </View>
        );
      })}
    </View>
  );
}

export function Select<T extends string>({ options, value, onChange, placeholder, testId }: { options: { value: T; label: string }[]; value: T | null; onChange: (v: T) => void; placeholder?: string; testId?: string }) {
  const index = Math.max(0, options.findIndex((o) => o.value === value));
  return (
    <Picker mode="selector" range={options.map((o) => o.label)} value={index} onChange={(e) => onChange(options[Number(e.detail.value)]!.value)}>
      <View className="picker-value" data-testid={testId}>
        {options.find((o) => o.value === value)?.label ?? placeholder ?? '点此选择'}
      </View>
    </Picker>
  );
}

/** Date (YYYY-MM-DD) and time (HH:mm) pickers; the value is China time. */
export function DateTimePicker({ date, time, onDate, onTime, testId }: { date: string; time?: string; onDate: (d: string) => void; onTime?: (t: string) => void; testId?: string }) {
  return (
    <View className="row" data-testid={testId}>
      <Picker className="row__item" mode="date" value={date} onChange={(e) => onDate(String(e.detail.value))}>
        <View className="picker-value">📅 {date}</View>
      </Picker>
      {time !== undefined && onTime ? (
        <Picker className="row__item" mode="time" value={time} onChange={(e) => onTime(String(e.detail.value))}>
          <View className="picker-value">🕘 {time}</View>
        </Picker>
      ) : null}
    </View>
  );
}

export const toggle = <T,>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
