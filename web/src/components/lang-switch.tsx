import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../lib/i18n';

export function LangSwitch({ light }: { light?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button type="text" icon={<GlobalOutlined />} style={light ? { color: '#fff' } : undefined} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
      {t('language')}
    </Button>
  );
}
