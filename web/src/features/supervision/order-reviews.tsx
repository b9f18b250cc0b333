import { Card, Descriptions, Tag, Typography } from 'antd';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** One entry of an order's history as the two reviews record it (盐城电子监察办法 第二十条). */
export interface OrderReviewEntry {
  at: string;
  by?: string | null;
  action: string;
  stage?: 'first_review' | 'final_review';
  reason?: string | null;
}

const STAGES = ['first_review', 'final_review'] as const;

/**
 * 督办审核: the 初审 and the 审结 of the latest answer, each with who, when and the opinion, and
 * whether it passed or returned the answer. Earlier rounds stay in the order's history.
 */
export function OrderReviews({ history }: { history: OrderReviewEntry[] }) {
  const { L } = useI18n();
  const lastAnswer = history.map((h) => h.action).lastIndexOf('answer');
  const current = history.slice(lastAnswer + 1).filter((h) => h.stage);
  const names = { first_review: L('初审', 'First review'), final_review: L('审结', 'Final review') };
  return (
    <Card title={L('督办审核（初审、审结）', 'Reviews of the answer')} size="small" data-testid="order-reviews">
      <Descriptions column={1} size="small" bordered>
        {STAGES.map((s) => {
          const h = current.find((x) => x.stage === s);
          return (
            <Descriptions.Item key={s} label={names[s]}>
              {h ? (
                <span data-testid={`order-review-${s}`}>
                  <Tag color={h.action === 'return' ? 'warning' : 'success'}>{h.action === 'return' ? L('退回', 'Returned') : L('通过', 'Passed')}</Tag>
                  {h.by} · {fmtTime(h.at)}{h.reason ? `：${h.reason}` : ''}
                </span>
              ) : <Typography.Text type="secondary">{L('尚未审核', 'Not yet')}</Typography.Text>}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
    </Card>
  );
}
