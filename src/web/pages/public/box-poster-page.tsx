// The printable poster of a point's suggestion box (/box/:pointId/poster): one A4 sheet with the
// point's name, a QR code of the box's absolute address and three short steps. The QR matrix
// comes from the `qrcode` library and is drawn as one SVG path, so it prints sharp at any size.
import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Result, Skeleton } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { create as createQrCode } from 'qrcode';
import { ApiError } from '../../api/client.ts';
import { publicApi } from '../../api/public.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';

const printStyles = `
@page { size: A4 portrait; margin: 12mm; }
.box-poster-sheet { width: 186mm; min-height: 270mm; margin: 16px auto; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.12);
  padding: 14mm 12mm; box-sizing: border-box; display: flex; flex-direction: column; align-items: center; text-align: center; color: #1f1f1f; }
@media print {
  body { background: #fff !important; }
  .box-poster-toolbar { display: none !important; }
  .box-poster-sheet { margin: 0; box-shadow: none; width: auto; min-height: auto; padding: 0; page-break-inside: avoid; }
}
@media screen and (max-width: 760px) { .box-poster-sheet { width: auto; min-height: auto; margin: 8px; padding: 16px; } }
`;

/** The QR code of `text` as an SVG: one path over the dark modules, a quiet zone of `margin` modules. */
export function QrCodeSvg({ text, size, margin = 2, label }: { text: string; size: string; margin?: number; label: string }) {
  const { path, extent } = useMemo(() => {
    const matrix = createQrCode(text, { errorCorrectionLevel: 'M' }).modules;
    const parts: string[] = [];
    for (let row = 0; row < matrix.size; row += 1) {
      for (let column = 0; column < matrix.size; column += 1) {
        if (matrix.get(row, column)) parts.push(`M${column + margin} ${row + margin}h1v1h-1z`);
      }
    }
    return { path: parts.join(''), extent: matrix.size + margin * 2 };
  }, [text, margin]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${extent} ${extent}`} width={size} height={size} shapeRendering="crispEdges" data-testid="poster-qr">
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** The page at /box/:pointId/poster. */
export function BoxPosterPage() {
  const { t, errorText } = useI18n();
  const { pointId } = useParams();
  const id = Number(pointId);
  const isValidId = Number.isInteger(id) && id > 0;
  const point = useLoad(() => (isValidId ? publicApi.point(id) : Promise.reject(new ApiError(404, 'NOT_FOUND', '', ''))), [id]);
  const boxUrl = `${window.location.origin}/box/${id}`;
  const trackUrl = `${window.location.origin}/track`;
  const pointName = point.data?.name;
  useEffect(() => {
    if (pointName) document.title = `${pointName} · ${t('public.poster.heading')}`;
  }, [pointName, t]);

  if (point.isLoading) return <Skeleton active style={{ padding: 24 }} />;
  if (!isValidId || (point.error instanceof ApiError && point.error.status === 404)) return <Result status="404" title={t('public.box.pointMissing')} />;
  if (point.error !== undefined || !point.data) return <Alert type="error" showIcon title={errorText(point.error)} style={{ margin: 24 }} />;

  return (
    <div style={{ background: '#f0f0f0', minHeight: '100vh', paddingBottom: 16 }}>
      <style>{printStyles}</style>
      <div className="box-poster-toolbar" style={{ display: 'flex', justifyContent: 'center', gap: 8, padding: '12px 0 0' }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="poster-print">
          {t('public.poster.print')}
        </Button>
      </div>
      <article className="box-poster-sheet" data-testid="poster">
        <div style={{ color: '#c62f2f', fontSize: 22, fontWeight: 600, letterSpacing: 4 }}>{t('public.poster.heading')}</div>
        <h1 style={{ fontSize: 40, lineHeight: 1.25, margin: '6mm 0 2mm', fontWeight: 700 }} data-testid="poster-point-name">
          {point.data.name}
        </h1>
        <div style={{ fontSize: 15, color: '#595959' }}>{point.data.regionPath}</div>
        <div style={{ fontSize: 30, fontWeight: 700, margin: '8mm 0 4mm', color: '#a8071a' }}>{t('public.poster.scan')}</div>
        <div style={{ border: '2px solid #c62f2f', borderRadius: 12, padding: '4mm', lineHeight: 0 }}>
          <QrCodeSvg text={boxUrl} size="88mm" label={boxUrl} />
        </div>
        <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: '2mm', wordBreak: 'break-all' }} data-testid="poster-url">
          {boxUrl}
        </div>
        <div style={{ display: 'flex', gap: '4mm', justifyContent: 'center', flexWrap: 'wrap', margin: '7mm 0 5mm' }}>
          {/* 扫码反映诉求 is the headline above the code; the pills add 可匿名 · 凭查询码查进度. */}
          {[t('public.poster.anonymous'), t('public.poster.track')].map((text) => (
            <span key={text} style={{ border: '1.5px solid #c62f2f', color: '#c62f2f', borderRadius: 999, padding: '1.5mm 5mm', fontSize: 18, fontWeight: 600 }}>
              {text}
            </span>
          ))}
        </div>
        <ol style={{ textAlign: 'start', fontSize: 17, lineHeight: 1.9, margin: '0 auto', paddingInlineStart: '7mm' }}>
          <li>{t('public.poster.step1')}</li>
          <li>{t('public.poster.step2')}</li>
          <li>{t('public.poster.step3')}</li>
        </ol>
        <div style={{ marginTop: 'auto', paddingTop: '6mm', fontSize: 14, color: '#595959' }}>
          <div>{t('public.poster.promise')}</div>
          <div>{t('public.poster.trackAt', { url: trackUrl })}</div>
        </div>
      </article>
    </div>
  );
}
