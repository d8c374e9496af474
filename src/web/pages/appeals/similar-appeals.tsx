// Cases that read like this one (GET /api/appeals/:id/similar): candidates for a merge, or a hint
// that the problem is shared by several villages.
import { Link } from 'react-router-dom';
import { Alert, Card, Empty, Space, Spin, Typography } from 'antd';
import { appealsApi } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { formatTime } from '../rosters/roster-shared.tsx';
import { StateTag } from './appeal-shared.tsx';

/** The similar-cases panel of a case. */
export function SimilarAppeals({ appealId }: { appealId: number }) {
  const { t, errorText, language } = useI18n();
  const similar = useLoad(() => appealsApi.similar(appealId), [appealId]);
  const items = similar.data?.items ?? [];
  return (
    <Card size="small" title={t('appeals.similar.title')} data-testid="similar-appeals">
      {similar.error !== undefined && <Alert type="error" showIcon title={errorText(similar.error)} />}
      <Spin spinning={similar.isLoading}>
        {items.length === 0 && !similar.isLoading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeals.similar.none')} />
        ) : (
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            {items.map((item) => (
              <div key={item.id} data-testid="similar-appeal">
                <Space size={6} wrap>
                  <Link to={`/appeals/${item.id}`}>{item.trackingCode}</Link>
                  <StateTag state={item.state} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('appeals.similar.score', { percent: Math.round(item.similarity * 100) })}
                  </Typography.Text>
                </Space>
                <div>
                  <Typography.Text ellipsis={{ tooltip: item.title }}>{item.title}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.regionPath} · {formatTime(item.createdAt, language)}
                </Typography.Text>
              </div>
            ))}
          </Space>
        )}
      </Spin>
    </Card>
  );
}
