import { View, Text } from '@tarojs/components';
import type { Citation } from '@contracts/resident';

export function CitationBlock({ citation, lawTitle }: { citation: Citation; lawTitle?: string }) {
  return (
    <View className="citation" data-testid="citation">
      <Text className="citation__head">
        《{lawTitle ?? citation.lawShortName}》{citation.article}
      </Text>
      {citation.quote.map((q, i) => (
        <Text className="citation__text" key={i}>
          {q}
        </Text>
      ))}
    </View>
  );
}
