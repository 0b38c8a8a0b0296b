import { View, Text } from '@tarojs/components';
import type { AnswerValue, QuizQuestion } from '@contracts/resident';

const TYPE_LABEL = { single: '单选题', multiple: '多选题（可选多项）', judge: '判断题' } as const;

/** One question, large touch targets; the chosen option is marked with ✓ and a thick border, not colour alone. */
export function QuestionCard({ question, index, total, value, onChange, disabled }: { question: QuizQuestion; index: number; total: number; value: AnswerValue | undefined; onChange: (v: AnswerValue) => void; disabled?: boolean }) {
  const options =
    question.type === 'judge'
      ? [
          { key: 'true', text: '正确', selected: value === true, pick: () => onChange(true) },
          { key: 'false', text: '错误', selected: value === false, pick: () => onChange(false) },
        ]
      : question.options.map((o) => {
          const chosen = Array.isArray(value) ? value : [];
          const selected = chosen.includes(o.key);
          const pick = () => {
            if (question.type === 'single') onChange([o.key]);
            else onChange(selected ? chosen.filter((k) => k !== o.key) : [...chosen, o.key].sort());
          };
          return { key: o.key, text: `${o.key}. ${o.text}`, selected, pick };
        });
  return (
    <View className="card question" data-testid="question">
      <Text className="t-s t-block">
        第 {index + 1} / {total} 题 · {TYPE_LABEL[question.type]}
      </Text>
      <Text className="t-l t-block question__stem">{question.stem}</Text>
      {options.map((o) => (
        <View
          key={o.key}
          className={`option ${o.selected ? 'option--selected' : ''}`}
          onClick={disabled ? undefined : o.pick}
          role={question.type === 'multiple' ? 'checkbox' : 'radio'}
          aria-checked={o.selected}
          data-testid="option"
        >
          <Text className="option__mark">{o.selected ? '✓' : question.type === 'multiple' ? '□' : '○'}</Text>
          <Text className="option__text">{o.text}</Text>
        </View>
      ))}
    </View>
  );
}
