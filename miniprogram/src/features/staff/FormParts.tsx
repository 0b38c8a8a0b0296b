/** Form building blocks of the staff pages: labelled inputs, chips for multiple choice (✓ marks the chosen). */
import type { ReactNode } from 'react';
import { View, Text, Input, Textarea, Picker } from '@tarojs/components';
import './staff.scss';

export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      {children}
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  );
}

export function TextInput({ value, onChange, placeholder, maxlength, testId, type }: { value: string; onChange: (v: string) => void; placeholder?: string; maxlength?: number; testId?: string; type?: 'text' | 'number' }) {
  return <Input className="input" value={value} type={type ?? 'text'} placeholder={placeholder} maxlength={maxlength ?? 140} onInput={(e) => onChange(e.detail.value)} data-testid={testId} />;
}

export function TextArea({ value, onChange, placeholder, maxlength, testId }: { value: string; onChange: (v: string) => void; placeholder?: string; maxlength?: number; testId?: string }) {
  return <Textarea className="input textarea" value={value} placeholder={placeholder} maxlength={maxlength ?? 300} onInput={(e) => onChange(e.detail.value)} data-testid={testId} />;
}

export function NumberInput({ value, onChange, testId }: { value: number; onChange: (v: number) => void; testId?: string }) {
  return (
    <Input
      className="input"
      type="number"
      value={String(value)}
      onInput={(e) => {
        const n = Number.parseInt(e.detail.value, 10);
        onChange(Number.isFinite(n) && n >= 0 ? n : 0);
      }}
      data-testid={testId}
    />
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
