// One button that opens the camera (or the gallery) and a row of thumbnails; each photo is shrunk
// in the browser before it is kept, so the upload stays small on a weak network.
import { useRef, useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n.tsx';
import { downscalePhoto, type PreparedPhoto } from './photo-downscale.ts';

export interface PhotoPickerProps {
  photos: PreparedPhoto[];
  onChange(photos: PreparedPhoto[]): void;
  max: number;
  disabled?: boolean;
}

/** Camera button plus thumbnails with a remove cross. */
export function PhotoPicker({ photos, onChange, max, disabled }: PhotoPickerProps) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [isPreparing, setPreparing] = useState(false);

  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setPreparing(true);
    const added: PreparedPhoto[] = [];
    try {
      for (const file of [...files].slice(0, max - photos.length)) {
        try {
          added.push(await downscalePhoto(file));
        } catch {
          message.error(t('public.box.photoFailed'));
        }
      }
    } finally {
      setPreparing(false);
      if (input.current) input.current.value = '';
    }
    if (added.length > 0) onChange([...photos, ...added]);
  };

  const remove = (photo: PreparedPhoto) => {
    URL.revokeObjectURL(photo.previewUrl);
    onChange(photos.filter((kept) => kept !== photo));
  };

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      {photos.map((photo, index) => (
        <div key={photo.previewUrl} style={{ position: 'relative', width: 72, height: 72 }}>
          <img src={photo.previewUrl} alt={`${index + 1}`} style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6, border: '1px solid #eee' }} />
          <Button
            size="small"
            shape="circle"
            icon={<CloseOutlined />}
            aria-label={t('public.box.removePhoto')}
            onClick={() => remove(photo)}
            disabled={disabled}
            style={{ position: 'absolute', top: -8, right: -8 }}
          />
        </div>
      ))}
      {photos.length < max && (
        <Button icon={<CameraOutlined />} loading={isPreparing} disabled={disabled} onClick={() => input.current?.click()} data-testid="add-photo">
          {isPreparing ? t('public.box.preparingPhoto') : t('public.box.addPhoto')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid="photo-input"
        onChange={(event) => void add(event.target.files)}
      />
    </div>
  );
}
