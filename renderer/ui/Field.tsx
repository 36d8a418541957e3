import type { ReactNode } from 'react';

/** A control under its label; the label wraps it, so a click on the text focuses it and no id is needed. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="form-field">
      <span>{label}</span>
      {children}
    </label>
  );
}
