import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AnswerValue, QuizQuestion } from '@contracts/resident';
import type { CallFail } from '@/shared/api/callFunction';
import { QuestionCard } from './QuestionCard';
import { isAnswered } from '@/shared/data/answerSheet';
import './quiz.scss';

/**
 * Answering a drawn set of questions one at a time (campaign quizzes, 每日一练, 错题复习): the question dots, the
 * question, 上一题 / 下一题 / 交卷 (asking first when some are unanswered), and a failed submission's note.
 */
export function QuizRunner({ title, questions, answers, current, submitting, error, onAnswer, onGoTo, onSubmit }: {
  title: string;
  questions: QuizQuestion[];
  answers: Record<string, AnswerValue>;
  current: number;
  submitting: boolean;
  error: CallFail | null;
  onAnswer: (questionId: string, value: AnswerValue) => void;
  onGoTo: (index: number) => void;
  onSubmit: () => Promise<unknown>;
}) {
  const question = questions[current];
  const answered = questions.filter((q) => isAnswered(answers[q.id])).length;
  const last = current === questions.length - 1;
  const submit = async () => {
    const missing = questions.length - answered;
    if (missing > 0) {
      const { confirm } = await Taro.showModal({ title: '还有题没答', content: `还有 ${missing} 题没有作答，确定交卷吗？`, confirmText: '交卷', cancelText: '继续答' });
      if (!confirm) return;
    }
    await onSubmit();
  };
  return (
    <View>
      <Text className="t-l t-block">{title}</Text>
      <View className="dots">
        {questions.map((q, i) => (
          <View key={q.id} className={`dot ${isAnswered(answers[q.id]) ? 'dot--answered' : ''} ${i === current ? 'dot--current' : ''}`} onClick={() => onGoTo(i)}>
            {i + 1}
            {isAnswered(answers[q.id]) ? '✓' : ''}
          </View>
        ))}
      </View>
      <QuestionCard question={question} index={current} total={questions.length} value={answers[question.id]} onChange={(v) => onAnswer(question.id, v)} disabled={submitting} />
      {error ? (
        <View className="card" role="alert">
          <Text className="t-m outcome--wrong">{error.message}</Text>
          <Text className="t-s t-block">您的答案已保存在手机上，不会丢失，可以直接再次交卷。</Text>
        </View>
      ) : null}
      <View className="quiz-nav">
        <Button className="btn" disabled={current === 0 || submitting} onClick={() => onGoTo(current - 1)}>
          上一题
        </Button>
        {last ? (
          <Button className="btn btn--primary" disabled={submitting} onClick={submit} data-testid="submit">
            {submitting ? '正在交卷…' : error ? '重新交卷' : '交卷'}
          </Button>
        ) : (
          <Button className="btn btn--primary" onClick={() => onGoTo(current + 1)} data-testid="next">
            下一题
          </Button>
        )}
      </View>
      <Text className="t-s t-block">已答 {answered} / {questions.length} 题</Text>
    </View>
  );
}
