/** Who a record names: the unit and person ("青山派出所 · 张警官"), or, with no one signed in, the role and console. */
import type { AuditRecordView } from '../../../preload/api';

export function whoText(record: Pick<AuditRecordView, 'person' | 'console'>, roleWord: string): string {
  const person = record.person;
  if (!person) return `${roleWord} · ${record.console}`;
  return person.unit ? `${person.unit} · ${person.name}` : person.name;
}
