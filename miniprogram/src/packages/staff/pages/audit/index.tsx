import { useState } from 'react';
import { View, Button } from '@tarojs/components';
import type { AuditEntry } from '@contracts/staff';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { formatDateTime } from '@/shared/format';
import { callStaff } from '@/shared/api/clients';
import '@/features/staff/staff.scss';

const PAGE = 30;

export default function AuditPage() {
  const first = useServerData(staffQuery('listAudit', { limit: PAGE }));
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [end, setEnd] = useState(false);
  const all = [...(first.data ?? []), ...more];
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
      <AsyncView state={first} empty="还没有操作记录">
        {() => (
          <>
            <View className="card">
              {all.map((e) => (
                <ListItem key={e.id} testId="audit-row" title={`${e.actorName}${e.actorRoleLabel ? `（${e.actorRoleLabel}）` : ''} · ${e.actionLabel}`} lines={[e.summary, formatDateTime(e.at)]} />
              ))}
            </View>
            {!end && all.length >= PAGE ? (
              <Button className="btn" onClick={loadMore}>
                更早的记录
              </Button>
            ) : null}
          </>
        )}
      </AsyncView>
    </Screen>
  );
}
