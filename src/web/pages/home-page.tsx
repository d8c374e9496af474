// Overview: the user's region with its totals and a chart of its sub-regions.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { hasPermission, useProfile } from '../auth/auth.tsx';
import { useI18n, type TextKey } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/use-load.ts';
import { RegionBarChart } from '../components/region-bar-chart.tsx';

/** The home screen at /. */
export function HomePage() {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const loaded = useLoad(async () => {
    const [region, children] = await Promise.all([api.region(profile.regionCode), api.regionChildren(profile.regionCode)]);
    return { region, children };
  }, [profile.regionCode]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('home.welcome', { name: profile.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('home.scope')}：{loaded.data ? [...loaded.data.region.ancestors.map((ancestor) => ancestor.name), loaded.data.region.name].join(' / ') : profile.regionName}
        </Typography.Text>
      </div>
      {loaded.error !== undefined && (
        <Alert type="error" showIcon title={errorText(loaded.error)} action={<Button size="small" onClick={loaded.reload}>{t('common.retry')}</Button>} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}>
          <Card>
            <Statistic title={t('home.totalCadres')} value={loaded.data?.region.cadres ?? 0} loading={loaded.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card>
            <Statistic title={t('home.totalPoints')} value={loaded.data?.region.points ?? 0} loading={loaded.isLoading} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={
                <span>
                  {t('home.subRegions')}{' '}
                  {loaded.data && <Tag style={{ marginInlineStart: 4 }}>{t(`level.${Math.min(loaded.data.region.level + 1, 5)}` as TextKey)}</Tag>}
                </span>
              }
              value={loaded.data?.children.length ?? 0}
              loading={loaded.isLoading}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('home.chartTitle')}
        extra={
          hasPermission(profile, 'regions.view') && (
            <Link to="/regions">
              <Button type="link" icon={<ApartmentOutlined />}>
                {t('home.browse')}
              </Button>
            </Link>
          )
        }
      >
        {loaded.isLoading ? (
          <Skeleton active />
        ) : loaded.data && loaded.data.children.length > 0 ? (
          <RegionBarChart regions={loaded.data.children} />
        ) : (
          <Empty description={t('home.noChildren')} />
        )}
      </Card>
    </div>
  );
}
