/**
 * Faults in words: the switches the fault forms offer and the short labels badges show.
 * @module
 */
import type { ReceiverFaults, StreamFaults } from '../../../../shared/api/inspector'

/** The on/off faults of a stream, with what each does to the SETs it sends. */
export const STREAM_FAULT_SWITCHES = [
  { key: 'drop', label: 'Drop', hint: 'SETs are not sent (recorded as dropped)' },
  { key: 'duplicate', label: 'Duplicate', hint: 'each SET is pushed twice' },
  { key: 'reorder', label: 'Reorder', hint: 'each SET goes out after the next one' },
  { key: 'corrupt_signature', label: 'Corrupt signature', hint: 'one signature byte flipped' },
  { key: 'wrong_aud', label: 'Wrong aud', hint: 'aud is another audience' },
  { key: 'wrong_iss', label: 'Wrong iss', hint: 'iss is another issuer' },
  { key: 'unknown_kid', label: 'Unknown kid', hint: 'kid names no key in the JWKS' },
  { key: 'alg_none', label: 'alg: none', hint: 'unsigned SET' },
  { key: 'wrong_typ', label: 'Wrong typ', hint: 'typ is JWT, not secevent+jwt' }
] as const satisfies readonly { key: keyof StreamFaults; label: string; hint: string }[]

/** Short labels of a stream's active faults, e.g. `["delay 500 ms", "drop"]`. */
export function describeStreamFaults(f: StreamFaults): string[] {
  const out: string[] = []
  if (f.delay_ms) out.push(`delay ${f.delay_ms} ms`)
  for (const s of STREAM_FAULT_SWITCHES) if (f[s.key] === true) out.push(s.label)
  if (f.iat_offset_seconds)
    out.push(`iat ${f.iat_offset_seconds > 0 ? '+' : ''}${f.iat_offset_seconds} s`)
  return out
}

/** Short labels of a receiver's active faults, e.g. `["status 503", "delay 100 ms"]`. */
export function describeReceiverFaults(f: ReceiverFaults): string[] {
  const out: string[] = []
  if (f.status !== undefined) out.push(`status ${f.status}`)
  if (f.delay_ms) out.push(`delay ${f.delay_ms} ms`)
  return out
}

/** The faults a form's values mean: unset switches and zero numbers are left out. */
export function streamFaultsFrom(values: {
  switches: Partial<Record<(typeof STREAM_FAULT_SWITCHES)[number]['key'], boolean>>
  delay_ms: number | string
  iat_offset_seconds: number | string
}): StreamFaults {
  const out: StreamFaults = {}
  for (const s of STREAM_FAULT_SWITCHES) if (values.switches[s.key] === true) out[s.key] = true
  if (typeof values.delay_ms === 'number' && values.delay_ms > 0) out.delay_ms = values.delay_ms
  if (typeof values.iat_offset_seconds === 'number' && values.iat_offset_seconds !== 0)
    out.iat_offset_seconds = values.iat_offset_seconds
  return out
}
