import type { CSSProperties, ReactNode } from 'react';
import { Button, Card, Empty, Flex, Space } from 'antd';

// The phone pages' lists (入户走访, 跟踪回访, 劝返 board): one small card per person or task — a title line of
// tags, something on the right, the facts, and at most one big button for the thing to do there. Cards stack in
// one column on a phone (720 px at most), or fill a grid on the board.

type DataAttributes = { [k: `data-${string}`]: string | undefined };

export function TaskCard({
  title,
  extra,
  action,
  style,
  data,
  gap = 'small',
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  /** the one big button (a follow-up to record, a visit to log) */
  action?: { label: ReactNode; onClick: () => void; testId: string } | null | false;
  style?: CSSProperties;
  /** data-* attributes the tests and styles find the card by */
  data?: DataAttributes;
  gap?: number | 'small';
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      style={style}
      {...data}
      title={
        <Space wrap size={4}>
          {title}
        </Space>
      }
      extra={extra}
    >
      <Space orientation="vertical" size={gap} style={{ width: '100%' }}>
        {children}
        {action && (
          <Button size="large" type="primary" block onClick={action.onClick} data-action={action.testId}>
            {action.label}
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** The cards, or the empty note once the list has loaded and has none. */
export function TaskCardList({
  empty,
  loaded,
  count,
  grid = false,
  children,
}: {
  empty: ReactNode;
  loaded: boolean;
  count: number;
  grid?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {loaded && count === 0 && <Empty description={empty} />}
      {grid ? (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))', gap: 12 }}
        >
          {children}
        </div>
      ) : (
        <Flex vertical gap={12} style={{ maxWidth: 720 }}>
          {children}
        </Flex>
      )}
    </>
  );
}
