/**
 * A picture drawn on a canvas from server data (an event poster, a certificate): its preview (or a loading line
 * while it is drawn), the save button (album on WeChat, PNG download on H5) and the note saying how saving went
 * (✓ or ✗ beside the button). It is drawn again whenever `drawKey` changes.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { View, Text, Button, Image } from '@tarojs/components';
import { Loading } from './StateView';

interface SaveNote {
  ok: boolean;
  text: string;
}

function useDrawnImage(key: string, make: (() => Promise<string>) | null, save: (image: string) => Promise<string>, failure: string) {
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

export interface DrawnImageProps {
  /** What the picture is drawn from; a change draws it again. */
  drawKey: string;
  /** Draws the picture (an image URL); null while there is nothing to draw from yet. */
  make: (() => Promise<string>) | null;
  /** Saves the drawn picture and says how (the ✓ note). */
  save: (image: string) => Promise<string>;
  /** The ✗ note when drawing fails without a message of its own. */
  failure: string;
  drawingLabel: string;
  saveLabel: { weapp: string; h5: string };
  /** Shown in place of the picture when there is nothing to draw from (`make` is null). */
  unavailable?: ReactNode;
  /** The picture's size on screen (width and height at its proportions), from the feature's stylesheet. */
  imageClass: string;
  /** Test ids `<testId>-img`, `<testId>-save` and `<testId>-note`. */
  testId: string;
}

export function DrawnImage({ drawKey, make, save, failure, drawingLabel, saveLabel, unavailable = null, imageClass, testId }: DrawnImageProps) {
  const { image, note, save: saveImage } = useDrawnImage(drawKey, make, save, failure);
  return (
    <>
      {image ? (
        <View className="drawn-preview">
          <Image className={`drawn-img ${imageClass}`} src={image} mode="scaleToFill" showMenuByLongpress data-testid={`${testId}-img`} />
        </View>
      ) : make ? (
        <Loading label={drawingLabel} />
      ) : (
        unavailable
      )}
      <Button className="btn btn--primary" disabled={!image} onClick={saveImage} data-testid={`${testId}-save`}>
        {process.env.TARO_ENV === 'weapp' ? saveLabel.weapp : saveLabel.h5}
      </Button>
      {note ? (
        <View role={note.ok ? 'status' : 'alert'} data-testid={`${testId}-note`}>
          <Text className={`t-s t-block ${note.ok ? 'outcome--correct' : 'outcome--wrong'}`}>
            {note.ok ? '✓ ' : '✗ '}
            {note.text}
          </Text>
        </View>
      ) : null}
    </>
  );
}
