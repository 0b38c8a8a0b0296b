import type { PropsWithChildren } from 'react';
import { View, Text } from '@tarojs/components';
import type { AnswerValue, AttemptResult, GradedItem } from '@contracts/resident';
import { CitationBlock } from '@/shared/ui/CitationBlock';
import './quiz.scss';

export const OUTCOME = { correct: '✓ 答对了', partial: '◐ 部分正确（得一半分）', wrong: '✗ 答错了' } as const;

function answerText(item: Pick<GradedItem, 'options'>, value: AnswerValue | null): string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return '未作答';
  if (typeof value === 'boolean') return value ? '正确' : '错误';
  return value.map((k) => `${k}. ${item.options.find((o) => o.key === k)?.text ?? ''}`).join('；');
}

/** One graded question: the resident's answer, the right one, the explanation and the cited article. */
export function GradedItemCard({ item, heading, children }: PropsWithChildren<{ item: Omit<GradedItem, 'points'>; heading: string }>) {
  return (
    <View className="card" data-testid="graded-item">
      <Text className={`t-m t-block outcome--${item.outcome}`}>{heading}</Text>
      <Text className="t-m t-block">{item.stem}</Text>
      <Text className="graded__answer t-s">你的答案：{answerText(item, item.yourAnswer)}</Text>
      <Text className="graded__answer t-m">正确答案：{answerText(item, item.correctAnswer)}</Text>
      <Text className="t-m t-block">解析：{item.explanation}</Text>
      <CitationBlock citation={item.citation} />
      {children}
    </View>
  );
}

export function ResultView({ result }: { result: AttemptResult }) {
  return (
    <View>
      <View className="card" data-testid="score">
        <Text className="t-s t-block">{result.campaignTitle}</Text>
        <Text className="score">{result.score} 分</Text>
        <Text className={`verdict ${result.passed ? 'outcome--correct' : 'outcome--wrong'}`}>{result.passed ? '✓ 合格' : `未合格（${result.passMark} 分合格）`}</Text>
        <Text className="t-m t-block">
          共 {result.total} 题，答对 {result.correctCount} 题
        </Text>
      </View>
      {result.items.map((item, i) => (
        <GradedItemCard key={item.questionId} item={item} heading={`第 ${i + 1} 题　${OUTCOME[item.outcome]}`} />
      ))}
    </View>
  );
}
