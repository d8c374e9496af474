// Masking of personal data shown by default: enough to recognise, not enough to contact.

/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(phone.length - 2, 0))}${phone.slice(-2)}`;
}

/** True for a value that is a masked phone (as exported), which must never overwrite a stored one. */
export function isMaskedPhone(value: string): boolean {
  return value.includes('*');
}
