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
import { AUDIT_LABEL } from '@/features/staff/labels';
import '@/features/staff/staff.scss';

const PAGE = 30;

function describe(e: AuditEntry): string {
  const d = e.details as Record<string, unknown>;
  const bits = [d.title, d.name, d.role && `角色 ${String(d.role)}`, d.from && d.to && `${String(d.from)} → ${String(d.to)}`, typeof d.sent === 'number' && `发送 ${d.sent}，失败 ${String(d.failed)}`].filter(Boolean);
  return bits.join(' · ');
}

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
                <ListItem key={e.id} testId="audit-row" title={`${e.actorName} · ${AUDIT_LABEL[e.action] ?? e.action}`} lines={[describe(e), `${formatDateTime(e.at)} · ${e.target}`]} />
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
