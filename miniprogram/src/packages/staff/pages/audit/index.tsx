import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { AuditEntry } from '@contracts/staff';
import { Screen } from '@/shared/ui/Screen';
import { Empty, ErrorState, Loading } from '@/shared/ui/StateView';
import { formatDateTime } from '@/shared/format';
import { callStaff } from '@/features/staff/staffApi';
import { useLoad } from '@/features/staff/useCall';
import '@/features/staff/staff.scss';

const PAGE = 30;

export default function AuditPage() {
  const first = useLoad(() => callStaff('listAudit', { limit: PAGE }), []);
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [end, setEnd] = useState(false);
  if (!first.data) return <Screen>{first.error ? <ErrorState message={first.error.message} onRetry={first.reload} /> : <Loading />}</Screen>;
  const all = [...first.data, ...more];
  const loadMore = async () => {
    const last = all[all.length - 1];
    if (!last) return;
    const res = await callStaff('listAudit', { limit: PAGE, before: last.at });
    if (res.ok) {
      setMore([...more, ...res.data]);
      if (res.data.length < PAGE) setEnd(true);
    }
  };
  return (
    <Screen>
      {all.length === 0 ? (
        <Empty message="还没有操作记录" />
      ) : (
        <View className="card">
          {all.map((e) => (
            <View key={e.id} className="list-item" data-testid="audit-row">
              <View className="list-item__main">
                <Text className="t-m t-block">
                  {e.actorName}
                  {e.actorRoleLabel ? `（${e.actorRoleLabel}）` : ''} · {e.actionLabel}
                </Text>
                {e.summary ? <Text className="t-s t-block">{e.summary}</Text> : null}
                <Text className="t-s t-block">{formatDateTime(e.at)}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
      {!end && all.length >= PAGE ? (
        <Button className="btn" onClick={loadMore}>
          更早的记录
        </Button>
      ) : null}
    </Screen>
  );
}
