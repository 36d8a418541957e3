/**
 * Who a record names: the unit and person ("青山派出所 · 张警官"); with no one signed in, the
 * console's unit and the role ("东村 · 值班员"), or the console's id for another console's records.
 */
import type { AuditRecordView } from '../../../preload/api';

export function whoText(record: Pick<AuditRecordView, 'person' | 'console' | 'consoleUnit'>, roleWord: string): string {
  const person = record.person;
  if (!person) return record.consoleUnit ? `${record.consoleUnit} · ${roleWord}` : `${roleWord} · ${record.console}`;
  return person.unit ? `${person.unit} · ${person.name}` : person.name;
}
