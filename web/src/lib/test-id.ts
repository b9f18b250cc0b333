import type { ButtonProps } from 'antd';

/**
 * Props that give a modal's OK (or Cancel) button a data-testid for the browser journeys:
 * Ant Design's ButtonProps does not declare data-* attributes, though the button passes them on.
 */
export function testIdProps(id: string): ButtonProps {
  const props: Record<`data-${string}`, string> = { 'data-testid': id };
  return props as ButtonProps;
}
