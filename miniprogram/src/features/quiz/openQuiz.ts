import Taro from '@tarojs/taro';
import { routes } from '@/shared/routes';
import { useQuizStore } from './quizStore';

/** Opens a campaign's quiz: the server starts drawing it while the quiz page (a subpackage) loads. */
export function openQuiz(campaignId: string): void {
  void useQuizStore.getState().prepare(campaignId);
  void Taro.navigateTo({ url: routes.quiz(campaignId) });
}
