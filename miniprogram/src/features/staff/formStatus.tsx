/**
 * The staff forms' one convention for errors and success: each field shows its own message beside it (from
 * the contracts' error map, the same words the server uses), and a line next to the save button says what
 * happened (✓ 已保存 … or what to fix). A later successful save clears every error.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { z } from 'zod';
import { checkInput } from '@contracts/fieldErrors';
import type { CallFail } from '@/shared/api/callFunction';

export interface FormStatus {
  /** Field path (as the server names it, e.g. `campaign.quiz.passMark`) → message. */
  errors: Record<string, string>;
  notice: { ok: boolean; text: string } | null;
}

const fixThese = (n: number) => (n > 1 ? `有 ${n} 处需要修改，见标红的提示` : '有 1 处需要修改，见标红的提示');

export function useFormStatus() {
  const [status, setStatus] = useState<FormStatus>({ errors: {}, notice: null });
  return {
    ...status,
    errorFor: (path: string): string | null => status.errors[path] ?? null,
    /** Errors of a list field and of its items (`villages.2.name` under `villages`). */
    errorsUnder: (prefix: string): string[] => Object.entries(status.errors).filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).map(([, v]) => v),
    /** Checks what the form would send against the action's own schema; null (and errors shown) when it fails. */
    check<S extends z.ZodTypeAny>(schema: S, value: z.input<S>): z.output<S> | null {
      const r = checkInput(schema, value);
      if (r.ok) return r.data;
      setStatus({ errors: r.fields, notice: { ok: false, text: Object.keys(r.fields).length > 1 ? fixThese(Object.keys(r.fields).length) : r.message } });
      return null;
    },
    /** A refused call: field errors beside their fields, the message next to the button. */
    fail(res: CallFail) {
      const fields = 'fields' in res && res.fields ? res.fields : {};
      const n = Object.keys(fields).length;
      setStatus({ errors: fields, notice: { ok: false, text: n > 1 ? fixThese(n) : res.message } });
    },
    /** Shows one message of the form's own (a rule the schema cannot say), beside a field when given. */
    refuse(text: string, path?: string) {
      setStatus({ errors: path ? { [path]: text } : {}, notice: { ok: false, text } });
    },
    succeed(text: string) {
      setStatus({ errors: {}, notice: { ok: true, text } });
    },
    clear() {
      setStatus({ errors: {}, notice: null });
    },
  };
}

/** The line beside a form's button: ✓ what was saved, or ✗ what to fix. */
export function FormNotice({ notice, testId }: { notice: FormStatus['notice']; testId?: string }) {
  if (!notice) return null;
  return (
    <View className={`form-notice ${notice.ok ? 'form-notice--ok' : 'form-notice--error'}`} role={notice.ok ? 'status' : 'alert'} data-testid={testId}>
      <Text className={notice.ok ? 'outcome--correct' : 'outcome--wrong'}>
        {notice.ok ? '✓ ' : '✗ '}
        {notice.text}
      </Text>
    </View>
  );
}
