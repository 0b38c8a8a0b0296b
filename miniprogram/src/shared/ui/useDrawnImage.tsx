/**
 * A picture drawn on a canvas from server data (an event poster, a certificate), made again whenever `key`
 * changes, with saving it and the note saying how that went (✓ or ✗ beside the save button).
 */
import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';

export interface SaveNote {
  ok: boolean;
  text: string;
}

export function useDrawnImage(key: string, make: (() => Promise<string>) | null, save: (image: string) => Promise<string>, failure: string) {
  const [image, setImage] = useState<string | null>(null);
  const [note, setNote] = useState<SaveNote | null>(null);
  useEffect(() => {
    setImage(null);
    if (!make) return;
    make().then(setImage, (e: Error) => setNote({ ok: false, text: e.message || failure }));
  }, [key]);
  const saveImage = async () => {
    if (!image) return;
    try {
      setNote({ ok: true, text: await save(image) });
    } catch (e) {
      setNote({ ok: false, text: (e as Error).message });
    }
  };
  return { image, note, save: saveImage };
}

export function SaveNoteLine({ note, testId }: { note: SaveNote | null; testId: string }) {
  if (!note) return null;
  return (
    <View role={note.ok ? 'status' : 'alert'} data-testid={testId}>
      <Text className={`t-s t-block ${note.ok ? 'outcome--correct' : 'outcome--wrong'}`}>
        {note.ok ? '✓ ' : '✗ '}
        {note.text}
      </Text>
    </View>
  );
}
