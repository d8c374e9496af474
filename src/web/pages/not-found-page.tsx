// What an unknown address or a screen without permission shows.
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/i18n.tsx';

/** 404 inside the console. */
export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return <Result status="404" title={t('notFound.title')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('notFound.back')}</Button>} />;
}

/** 403: the user may not open this screen. */
export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return <Result status="403" title={t('forbidden.title')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('notFound.back')}</Button>} />;
}
