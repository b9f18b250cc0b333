import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { plain, useI18n } from '../lib/i18n';

/** Plain words for an error: the API's message (Chinese first) or a generic one. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return plain(e.message);
  if (e instanceof Error) return plain(e.message);
  return String(e);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, L } = useI18n();
  if (!error) return null;
  const notReady = error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND' && /没有这个接口/.test(error.message);
  return (
    <Alert
      type={notReady ? 'info' : 'error'}
      showIcon
      title={notReady ? L('此功能的服务接口尚未开放', 'This feature’s service is not available yet') : t('errorTitle')}
      description={errorText(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Loading / error / empty / content for one piece of data. */
export function PageState({ loading, error, empty, onRetry, children }: { loading: boolean; error: unknown; empty?: boolean; onRetry?: () => void; children: ReactNode }) {
  const { t } = useI18n();
  if (loading) return <div style={{ padding: 48, textAlign: 'center' }}><Spin tip={t('loading')}><div style={{ minHeight: 40 }} /></Spin></div>;
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (empty) return <Empty description={t('empty')} />;
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t('forbidden')} />;
}

export function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} />;
}
