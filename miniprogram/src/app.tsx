import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { prefetchServerData } from '@/shared/data/serverData';
import { homeQuery } from '@/shared/data/homeQuery';
import './app.scss';

export default function App({ children }: PropsWithChildren) {
  // Home's data is asked for at launch, while the first page's code is still loading over a slow network.
  useLaunch(() => void prefetchServerData(homeQuery));
  return children;
}
