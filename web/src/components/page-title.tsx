import { Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * The one h1 of a page (screen readers navigate by it), sized as the page's design wants:
 * `size` is the font size in px (a card header's title uses 16).
 */
export function PageTitle({ children, size = 22, style, testId }: { children: ReactNode; size?: number; style?: CSSProperties; testId?: string }) {
  return <Typography.Title level={1} style={{ fontSize: size, marginTop: 0, marginBottom: size <= 16 ? 0 : undefined, ...style }} data-testid={testId}>{children}</Typography.Title>;
}
